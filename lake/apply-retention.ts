import { rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Feed } from '../config/feed-schema.js';
import { readFeedMetadata, updateFeedMetadata, type FeedMetadata, type StreamMetadata, type TableMetadata } from './feed-metadata.js';
import { metadataPath, streamDir, tableDir, versionDirRelative, versionQuarantineFile } from './lake-paths.js';
import { planStreamRetention, planTableRetention, type StreamRetentionPlan, type TableRetentionPlan } from './plan-retention.js';
import { pruneRunRecords } from './run-log.js';

export interface RetentionOptions {
  /** the wall clock, in ms (injectable so tests pick "today") */
  nowMs: number;
  /** table versions that must stay whatever their age: the ones the warehouse holds */
  protectedVersions?: ReadonlySet<number>;
  /** plan only: delete nothing, return the same plan */
  dryRun?: boolean;
}

export type RetentionResult = { feed: string; dryRun: boolean } & (
  | StreamRetentionPlan & { runRecordsDeleted: number }
  | TableRetentionPlan
  | { kind: 'none' }
);

/**
 * Applies the feed's retention: old date partitions (stream) or surplus versions (table), their
 * files first and then their metadata entries, under the feed's metadata lock, so an export running
 * meanwhile neither loses its entry nor gets one removed. Deleting files before entries makes an
 * interrupted run safe to repeat: the next one finds the entries and deletes again.
 */
export async function applyRetention(root: string, feed: Feed, opts: RetentionOptions): Promise<RetentionResult> {
  const dryRun = opts.dryRun ?? false;
  const path = metadataPath(root, feed.kind, feed.id);
  const found = await readFeedMetadata(path);
  if (!found) return { feed: feed.id, dryRun, kind: 'none' };
  const retain = (metadata: FeedMetadata) => (feed.kind === 'stream'
    ? retainStream(root, metadata as StreamMetadata, planStreamRetention(metadata as StreamMetadata, feed.retentionDays, opts.nowMs), dryRun)
    : retainTable(root, metadata as TableMetadata, planTableRetention(metadata as TableMetadata, feed.keepVersions, opts.protectedVersions ?? new Set()), dryRun));
  const plan = dryRun ? await retain(found) : await updateFeedMetadata(path, async (current) => ({ next: current!, result: await retain(current!) }));
  if (plan.kind !== 'stream') return { feed: feed.id, dryRun, ...plan };
  // The run log goes with the partitions: a record is no use once its slots are gone.
  const runRecordsDeleted = await pruneRunRecords(root, feed.id, `${plan.cutoffDate}T00:00:00.000Z`, dryRun);
  return { feed: feed.id, dryRun, ...plan, runRecordsDeleted };
}

async function retainStream(root: string, metadata: StreamMetadata, plan: StreamRetentionPlan, dryRun: boolean): Promise<StreamRetentionPlan> {
  if (dryRun) return plan;
  const dir = streamDir(root, metadata.feed);
  for (const partition of plan.deleted) {
    for (const key of partition.slots) {
      const file = metadata.slots[key]?.file;
      if (file) await rm(join(dir, file), { force: true });
    }
    await rmdir(join(dir, `date=${partition.date}`)).catch(() => undefined); // gone, or a stray file a person put there
    for (const key of partition.slots) delete metadata.slots[key];
  }
  return plan;
}

async function retainTable(root: string, metadata: TableMetadata, plan: TableRetentionPlan, dryRun: boolean): Promise<TableRetentionPlan> {
  if (dryRun) return plan;
  for (const { version } of plan.deleted) {
    await rm(join(tableDir(root, metadata.feed), versionDirRelative(version)), { recursive: true, force: true });
    await rm(versionQuarantineFile(root, metadata.feed, version), { force: true });
  }
  const doomed = new Set(plan.deleted.map((d) => d.version));
  metadata.versions = metadata.versions.filter((v) => !doomed.has(v.version));
  // Numbers of deleted versions are remembered so that none is ever given out again.
  metadata.pruned.push(...doomed);
  return plan;
}
