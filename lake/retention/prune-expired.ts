import type { Feed } from '../../config/feed-schema.js';
import { readFeedMetadata, updateFeedMetadata, type FeedMetadata, type StreamMetadata, type TableMetadata } from '../metadata/feed-metadata.js';
import { feedFileKey, metadataKey, parseQuarantineName, quarantineKey, versionDirRelative, versionQuarantineKey } from '../common/lake-paths.js';
import type { ObjectStore } from '../storage/object-store.js';
import { planStreamRetention, planTableRetention, type StreamRetentionPlan, type TableRetentionPlan } from './plan-retention.js';
import { pruneRunRecords, pruneVersionRecords } from '../metadata/run-log.js';

export interface RetentionOptions {
  /** the wall clock, in ms (injectable so tests pick "today") */
  nowMs: number;
  /** table versions that must stay whatever their age: the ones the warehouse holds */
  protectedVersions?: ReadonlySet<number>;
  /** plan only: delete nothing, return the same plan */
  dryRun?: boolean;
}

export type RetentionResult = { feed: string; dryRun: boolean } & (
  | StreamRetentionPlan & { runRecordsDeleted: number; quarantineObjectsDeleted: number }
  | TableRetentionPlan & { runRecordsDeleted: number }
  | { kind: 'none' }
);

/**
 * Applies the feed's retention: old date partitions (stream) or surplus versions (table), their
 * objects first and then their metadata entries, in one metadata commit (compare-and-swap), so an
 * export committing meanwhile neither loses its entry nor gets one removed: if it commits first,
 * the plan is made again on its metadata and the deletes, harmless to repeat, run again. Deleting
 * objects before entries makes an interrupted run safe to repeat: the next one finds the entries
 * and deletes again.
 */
export async function pruneExpired(store: ObjectStore, feed: Feed, opts: RetentionOptions): Promise<RetentionResult> {
  const dryRun = opts.dryRun ?? false;
  const key = metadataKey(feed.kind, feed.id);
  const found = await readFeedMetadata(store, key);
  if (!found) return { feed: feed.id, dryRun, kind: 'none' };
  const retain = (metadata: FeedMetadata) => (feed.kind === 'stream'
    ? retainStream(store, metadata as StreamMetadata, planStreamRetention(metadata as StreamMetadata, feed.retentionDays, opts.nowMs), dryRun)
    : retainTable(store, metadata as TableMetadata, planTableRetention(metadata as TableMetadata, feed.keepVersions, opts.protectedVersions ?? new Set()), dryRun));
  const plan = dryRun ? await retain(found) : await updateFeedMetadata(store, key, async (current) => ({ next: current!, result: await retain(current!) }));
  if (plan.kind === 'table') {
    // A version's run records go with it; what stays is the oldest kept version's era onwards.
    const keptSince = found.kind === 'table' ? oldestPublished(found, plan) : null;
    const runRecordsDeleted = await pruneVersionRecords(store, feed.id, new Set(plan.deleted.map((d) => d.version)), keptSince, dryRun);
    return { feed: feed.id, dryRun, ...plan, runRecordsDeleted };
  }
  // The run log and the quarantine go with the partitions: neither is any use once its slots are gone.
  const cutoff = `${plan.cutoffDate}T00:00:00.000Z`;
  const runRecordsDeleted = await pruneRunRecords(store, feed.id, cutoff, dryRun);
  const quarantineObjectsDeleted = await pruneStreamQuarantine(store, feed.id, cutoff, dryRun);
  return { feed: feed.id, dryRun, ...plan, runRecordsDeleted, quarantineObjectsDeleted };
}

/** When the oldest version retention keeps was published. */
function oldestPublished(metadata: TableMetadata, plan: TableRetentionPlan): string | null {
  const kept = new Set(plan.kept.map((k) => k.version));
  return metadata.versions.filter((v) => kept.has(v.version)).map((v) => v.publishedAt).sort()[0] ?? null;
}

/** Deletes the stream quarantine objects whose whole window ends by `cutoffIso`; returns how many. */
async function pruneStreamQuarantine(store: ObjectStore, feedId: string, cutoffIso: string, dryRun: boolean): Promise<number> {
  const doomed: string[] = [];
  const prefix = quarantineKey(feedId, '');
  for await (const { key } of store.list(prefix)) {
    const parsed = parseQuarantineName(key.slice(prefix.length));
    if (parsed?.kind === 'stream' && Date.parse(parsed.end) <= Date.parse(cutoffIso)) doomed.push(key);
  }
  if (!dryRun) await store.delete(doomed);
  return doomed.length;
}

async function retainStream(store: ObjectStore, metadata: StreamMetadata, plan: StreamRetentionPlan, dryRun: boolean): Promise<StreamRetentionPlan> {
  if (dryRun) return plan;
  const doomed = plan.deleted.flatMap((partition) => partition.slots);
  // (a local store also removes the date= folders the deletes leave empty)
  await store.delete(doomed.flatMap((slot) => {
    const file = metadata.slots[slot]?.file;
    return file ? [feedFileKey('stream', metadata.feed, file)] : [];
  }));
  for (const slot of doomed) delete metadata.slots[slot];
  return plan;
}

async function retainTable(store: ObjectStore, metadata: TableMetadata, plan: TableRetentionPlan, dryRun: boolean): Promise<TableRetentionPlan> {
  if (dryRun) return plan;
  const doomed = new Set(plan.deleted.map((d) => d.version));
  // Everything under the version's folder: its file, and any a killed attempt left beside it.
  const keys: string[] = [];
  for (const version of doomed) {
    for await (const { key } of store.list(feedFileKey('table', metadata.feed, `${versionDirRelative(version)}/`))) keys.push(key);
    keys.push(versionQuarantineKey(metadata.feed, version));
  }
  await store.delete(keys);
  metadata.versions = metadata.versions.filter((v) => !doomed.has(v.version));
  // Numbers of deleted versions are remembered so that none is ever given out again.
  metadata.pruned.push(...doomed);
  return plan;
}
