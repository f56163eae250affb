import type { SlotRange } from '../../config/slot-range.js';
import type { FeedMetadata, SlotEntry } from '../metadata/feed-metadata.js';
import { streamQuarantineKey } from '../common/lake-paths.js';
import type { StreamSlotsResult } from './write-stream-slots.js';

/**
 * What a workflow run already committed for a range, in the shape `writeStreamSlots` returns, when
 * the feed's metadata credits every slot of it to that run; null otherwise. An attempt can die after
 * its commit and before Temporal hears it finished: its retry answers from here rather than pull and
 * write the finished slots again (their files and `exportedAt` keep their identity).
 */
export function committedStreamSlots(metadata: FeedMetadata | null, range: SlotRange, runId: string): StreamSlotsResult | null {
  if (metadata?.kind !== 'stream') return null;
  const [startMs, endMs] = [Date.parse(range.start), Date.parse(range.end)];
  const entries: SlotEntry[] = [];
  for (let slot = startMs; slot < endMs; slot += range.slotMs) {
    const entry = metadata.slots[new Date(slot).toISOString()];
    if (entry?.runId !== runId) return null;
    entries.push(entry);
  }
  const sum = (pick: (e: SlotEntry) => number) => entries.reduce((n, e) => n + pick(e), 0);
  const quarantined = sum((e) => e.quarantined);
  return {
    slots: entries.map((e) => ({ slot: e.start, rows: e.rows, file: e.file })),
    rows: sum((e) => e.rows),
    quarantined,
    bytes: sum((e) => e.bytes),
    files: entries.flatMap((e) => (e.file ? [e.file] : [])),
    quarantineFile: quarantined > 0 ? streamQuarantineKey(range.feed, startMs, endMs) : null,
  };
}
