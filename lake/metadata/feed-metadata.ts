import { z } from 'zod';
import { ObjectNotFoundError } from '../storage/errors.js';
import type { ObjectStore } from '../storage/object-store.js';

/**
 * `_metadata.json`, one per feed: the index readers and the report trust, and the one thing that
 * publishes. It is committed last (after every object it names is stored and checked), by the
 * store's compare-and-swap: a lock file on a local folder, a conditional PUT on S3.
 * Fields added after the first release are optional, so files written before them still read.
 */
const columnSchema = z.object({
  name: z.string(),
  /** the ksqlDB type, as ksqlDB spells it */
  type: z.string(),
  /** the DuckDB type the column has in Parquet */
  parquetType: z.string().optional(),
});

/** What every slot and version records about how it was made, beyond its counts. */
const exportFields = {
  /** milliseconds from the first row asked of ksqlDB to the publish */
  durationMs: z.number().int().nonnegative().optional(),
  /** the ksqlDB pull query that produced it */
  query: z.string().optional(),
  /** the schema (lake/metadata/schema-id.ts, a key of the feed's `schemas`) its file was written with */
  schemaId: z.string().optional(),
};

/** Every schema the feed's files were written with, by schema id; absent in files older than it. */
const schemasField = z.record(z.string(), z.array(columnSchema)).optional();

export const slotEntrySchema = z.object({
  start: z.string(),
  end: z.string(),
  /** file relative to the feed's stream dir; null when the slot had no rows */
  file: z.string().nullable(),
  rows: z.number().int(),
  /** rows of this slot set aside; a line too broken to read its ROWTIME counts against the range's first slot */
  quarantined: z.number().int(),
  bytes: z.number().int(),
  /** order-independent checksum of the file's rows */
  checksum: z.string().nullable(),
  /** SHA-256 of the file's bytes: a reader's cache key (absent in slots written before it was recorded) */
  sha256: z.string().nullable().optional(),
  exportedAt: z.string(),
  runId: z.string(),
  /** rows the slot held before this export replaced it; absent on a first export */
  previousRows: z.number().int().optional(),
  ...exportFields,
});

export const versionEntrySchema = z.object({
  version: z.number().int().positive(),
  rows: z.number().int(),
  quarantined: z.number().int(),
  bytes: z.number().int(),
  checksum: z.string(),
  /** the version's one file relative to the feed (see versionFile); absent = `version=N/data_0.parquet` */
  file: z.string().optional(),
  /** SHA-256 of that file's bytes (absent in versions written before it was recorded) */
  sha256: z.string().optional(),
  publishedAt: z.string(),
  /** the workflow run that produced it: a retry of that run finds its version instead of adding one */
  runId: z.string(),
  ...exportFields,
});

/** A move of a table's current pointer by `ksql-etl lake rollback`. */
export const rollbackEntrySchema = z.object({
  from: z.number().int().positive().nullable(),
  to: z.number().int().positive(),
  /** the OS user who asked */
  by: z.string(),
  at: z.string(),
});

export const streamMetadataSchema = z.object({
  feed: z.string(),
  kind: z.literal('stream'),
  source: z.string(),
  /** the current schema: the columns the next export must match (lake/metadata/check-schema.ts) */
  columns: z.array(columnSchema),
  /** short hash of the current column list (lake/metadata/schema-id.ts); absent in files older than it */
  schemaId: z.string().optional(),
  schemas: schemasField,
  slots: z.record(z.string(), slotEntrySchema),
  updatedAt: z.string(),
});

export const tableMetadataSchema = z.object({
  feed: z.string(),
  kind: z.literal('table'),
  source: z.string(),
  columns: z.array(columnSchema),
  schemaId: z.string().optional(),
  schemas: schemasField,
  versions: z.array(versionEntrySchema),
  /** versions whose directories retention removed */
  pruned: z.array(z.number().int()),
  /** the version readers see; absent = the newest (files from before rollback existed) */
  current: z.number().int().positive().optional(),
  rollbacks: z.array(rollbackEntrySchema).optional(),
  updatedAt: z.string(),
});

export const feedMetadataSchema = z.discriminatedUnion('kind', [streamMetadataSchema, tableMetadataSchema]);

export type ColumnRecord = z.infer<typeof columnSchema>;
export type SlotEntry = z.infer<typeof slotEntrySchema>;
export type VersionEntry = z.infer<typeof versionEntrySchema>;
export type RollbackEntry = z.infer<typeof rollbackEntrySchema>;
export type StreamMetadata = z.infer<typeof streamMetadataSchema>;
export type TableMetadata = z.infer<typeof tableMetadataSchema>;
export type FeedMetadata = z.infer<typeof feedMetadataSchema>;

/** The feed's metadata, or null before its first export. */
export async function readFeedMetadata(store: ObjectStore, key: string): Promise<FeedMetadata | null> {
  let stream;
  try {
    stream = await store.get(key);
  } catch (err) {
    if (err instanceof ObjectNotFoundError) return null;
    throw err;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return parseFeedMetadata(Buffer.concat(chunks).toString('utf8'));
}

function parseFeedMetadata(text: string): FeedMetadata {
  return feedMetadataSchema.parse(JSON.parse(text));
}

type MetadataNext<M, R> = { next: M | null; result: R };

/**
 * Atomic read-modify-write of a feed's metadata; `update` returns `next: null` to commit nothing.
 * `update` sees the current metadata (or null) and
 * may run more than once when another worker commits in between (S3), so it must only compute,
 * or do what is harmless to repeat (retention's deletes of what the plan drops): uploads belong
 * before the commit, and anything that must happen once after it.
 */
export async function updateFeedMetadata<M extends FeedMetadata, R>(
  store: ObjectStore,
  key: string,
  update: (current: M | null) => MetadataNext<M, R> | Promise<MetadataNext<M, R>>,
): Promise<R> {
  const { result } = await store.compareAndSwap(key, async (text) => {
    const { next, result } = await update(text === null ? null : (parseFeedMetadata(text) as M));
    if (next === null) return { next: null, result }; // nothing to commit
    next.updatedAt = new Date().toISOString();
    return { next: `${JSON.stringify(next, null, 2)}\n`, result };
  });
  return result;
}
