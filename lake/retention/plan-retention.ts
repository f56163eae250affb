import { currentVersion } from '../metadata/current-version.js';
import type { StreamMetadata, TableMetadata } from '../metadata/feed-metadata.js';
import { slotDate } from '../common/lake-paths.js';

const DAY_MS = 86_400_000;

/** One date partition of a stream feed, as retention reports it. */
export interface PartitionPlan {
  date: string;
  /** slot keys (start instants) of the partition's metadata entries, empty slots included */
  slots: string[];
  files: number;
  rows: number;
  bytes: number;
}

export interface StreamRetentionPlan {
  kind: 'stream';
  retentionDays: number;
  /** partitions dated before this day go */
  cutoffDate: string;
  deleted: PartitionPlan[];
  /** partitions kept, and the oldest of them */
  keptPartitions: number;
  oldestKept: string | null;
}

export type KeepReason = 'newest' | 'current' | 'warehouse';

export interface TableRetentionPlan {
  kind: 'table';
  keepVersions: number;
  current: number | null;
  /** versions the warehouse holds, as the caller said */
  protectedVersions: number[];
  deleted: Array<{ version: number; rows: number; bytes: number; publishedAt: string }>;
  /** every kept version with why: among the newest `keepVersions`, current, held by the warehouse */
  kept: Array<{ version: number; reasons: KeepReason[] }>;
}

/**
 * Which date partitions of a stream feed are older than `retentionDays`, by the wall clock `nowMs`:
 * today's partition and the `retentionDays` before it stay. Reads the metadata only.
 */
export function planStreamRetention(metadata: StreamMetadata, retentionDays: number, nowMs: number): StreamRetentionPlan {
  const cutoffDate = slotDate(Math.floor(nowMs / DAY_MS) * DAY_MS - retentionDays * DAY_MS);
  const byDate = new Map<string, PartitionPlan>();
  for (const [key, slot] of Object.entries(metadata.slots)) {
    const date = slotDate(Date.parse(slot.start));
    const partition = byDate.get(date) ?? { date, slots: [], files: 0, rows: 0, bytes: 0 };
    partition.slots.push(key);
    partition.files += slot.file === null ? 0 : 1;
    partition.rows += slot.rows;
    partition.bytes += slot.bytes;
    byDate.set(date, partition);
  }
  const partitions = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  const deleted = partitions.filter((p) => p.date < cutoffDate);
  const kept = partitions.filter((p) => p.date >= cutoffDate);
  return { kind: 'stream', retentionDays, cutoffDate, deleted, keptPartitions: kept.length, oldestKept: kept[0]?.date ?? null };
}

/**
 * Which versions of a table feed go: all but the newest `keepVersions`, never the current one, never
 * one in `protectedVersions` (what the warehouse still holds; the lake does not ask it itself).
 */
export function planTableRetention(metadata: TableMetadata, keepVersions: number, protectedVersions: ReadonlySet<number>): TableRetentionPlan {
  const current = currentVersion(metadata);
  const newestFirst = [...metadata.versions].sort((a, b) => b.version - a.version);
  const plan: TableRetentionPlan = {
    kind: 'table',
    keepVersions,
    current,
    protectedVersions: [...protectedVersions].sort((a, b) => a - b),
    deleted: [],
    kept: [],
  };
  newestFirst.forEach((v, index) => {
    const reasons: KeepReason[] = [];
    if (index < keepVersions) reasons.push('newest');
    if (v.version === current) reasons.push('current');
    if (protectedVersions.has(v.version)) reasons.push('warehouse');
    if (reasons.length > 0) plan.kept.push({ version: v.version, reasons });
    else plan.deleted.push({ version: v.version, rows: v.rows, bytes: v.bytes, publishedAt: v.publishedAt });
  });
  return plan;
}
