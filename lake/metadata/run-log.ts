import { text } from 'node:stream/consumers';
import { z } from 'zod';
import { runLogPrefix } from '../common/lake-paths.js';
import { putText } from '../storage/put-file.js';
import type { ObjectStore } from '../storage/object-store.js';

/** One export attempt, as the feed's run log keeps it: what it covered, what it wrote, how it ended. */
export const runRecordSchema = z.object({
  feed: z.string(),
  kind: z.enum(['stream', 'table']),
  workflowId: z.string(),
  runId: z.string(),
  /** Temporal's attempt number: a retried activity leaves one record per attempt */
  attempt: z.number().int().positive(),
  /** stream runs: the slot range `[start, end)` */
  window: z.object({ start: z.string(), end: z.string() }).nullable(),
  /** table runs that published: the version */
  version: z.number().int().positive().nullable(),
  rows: z.number().int().nonnegative(),
  quarantined: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  durationMs: z.number().int().nonnegative(),
  startedAt: z.string(),
  finishedAt: z.string(),
  outcome: z.enum(['succeeded', 'failed']),
  /** failed runs: the error's class (its failure type) and message */
  error: z.object({ type: z.string(), message: z.string() }).nullable(),
});

export type RunRecord = z.infer<typeof runRecordSchema>;

export interface RunQuery {
  /** the newest this many records (default 10) */
  latest?: number;
  /** also every failed record that finished at or after this instant */
  failedSince?: string;
}

/**
 * One object per record, named `<finished>_<outcome>_<attempt>_<run id>.json`: written whole by one
 * put (an append to a shared file is not atomic, and S3 has no append), never rewritten, and
 * sorted by time by name, so readers pick what they need from a listing without opening the rest.
 */
function recordName(record: RunRecord): string {
  const safeRun = record.runId.replace(/[^A-Za-z0-9-]/g, '-');
  return `${timeKey(record.finishedAt)}_${record.outcome}_${record.attempt}_${safeRun}.json`;
}

/** `2026-11-24T10:00:00.123Z` → `20261124T100000.123Z`: sorts like the instant. */
function timeKey(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, '');
}

export async function appendRunRecord(store: ObjectStore, record: RunRecord): Promise<void> {
  const checked = runRecordSchema.parse(record);
  await putText(store, runLogPrefix(checked.feed) + recordName(checked), `${JSON.stringify(checked)}\n`);
}

/** The records a query asks for, oldest first. */
export async function readRunRecords(store: ObjectStore, feedId: string, query: RunQuery = {}): Promise<RunRecord[]> {
  const prefix = runLogPrefix(feedId);
  const names = (await recordNames(store, prefix)).sort();
  const picked = new Set(names.slice(Math.max(0, names.length - (query.latest ?? 10))));
  if (query.failedSince !== undefined) {
    const since = timeKey(query.failedSince);
    for (const name of names) if (name.includes('_failed_') && name.slice(0, since.length) >= since) picked.add(name);
  }
  const records = await Promise.all([...picked].sort().map(async (name) => runRecordSchema.parse(JSON.parse(await text(await store.get(prefix + name))))));
  return records;
}

/** Deletes the records that finished before `beforeIso`; returns how many. */
export async function pruneRunRecords(store: ObjectStore, feedId: string, beforeIso: string, dryRun: boolean): Promise<number> {
  const prefix = runLogPrefix(feedId);
  const before = timeKey(beforeIso);
  const doomed = (await recordNames(store, prefix)).filter((name) => name.slice(0, before.length) < before);
  if (!dryRun) await store.delete(doomed.map((name) => prefix + name));
  return doomed.length;
}

/**
 * Deletes a table feed's records of the versions retention deleted, and its failed records older
 * than the oldest kept version (`keptSince`): they are about runs whose versions are gone. Succeeded
 * records are opened to read their version (names do not carry it); only when some version went.
 * Returns how many.
 */
export async function pruneVersionRecords(store: ObjectStore, feedId: string, versions: ReadonlySet<number>, keptSince: string | null, dryRun: boolean): Promise<number> {
  if (versions.size === 0) return 0;
  const prefix = runLogPrefix(feedId);
  const since = keptSince === null ? null : timeKey(keptSince);
  const doomed: string[] = [];
  for (const name of await recordNames(store, prefix)) {
    if (name.includes('_failed_')) {
      if (since !== null && name.slice(0, since.length) < since) doomed.push(name);
      continue;
    }
    const record = runRecordSchema.parse(JSON.parse(await text(await store.get(prefix + name))));
    if (record.version !== null && versions.has(record.version)) doomed.push(name);
  }
  if (!dryRun) await store.delete(doomed.map((name) => prefix + name));
  return doomed.length;
}

/** The names of the records under `prefix` (one listing, no object opened). */
async function recordNames(store: ObjectStore, prefix: string): Promise<string[]> {
  const names: string[] = [];
  for await (const { key } of store.list(prefix)) {
    const name = key.slice(prefix.length);
    if (name.endsWith('.json') && !name.includes('/')) names.push(name);
  }
  return names;
}
