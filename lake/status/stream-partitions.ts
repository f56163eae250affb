import type { StreamMetadata } from '../metadata/feed-metadata.js';
import { slotDate } from '../common/lake-paths.js';

export type PartitionSummary = {
  /** the date partition, `YYYY-MM-DD` (UTC) */
  date: string;
  files: number;
  rows: number;
};

/** Files and rows per date partition, from the feed's metadata (no file is listed or read), oldest first. */
export function streamPartitions(metadata: StreamMetadata): PartitionSummary[] {
  const byDate = new Map<string, PartitionSummary>();
  for (const slot of Object.values(metadata.slots)) {
    if (slot.file === null) continue;
    const date = slotDate(Date.parse(slot.start));
    const partition = byDate.get(date) ?? { date, files: 0, rows: 0 };
    partition.files++;
    partition.rows += slot.rows;
    byDate.set(date, partition);
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}
