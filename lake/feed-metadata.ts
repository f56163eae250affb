import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { withFileLock } from './file-lock.js';
import { writeFileAtomic } from './write-file-atomic.js';

/**
 * `_metadata.json`, one per feed: the index readers and the report trust. It is written last
 * (after the data is in place), through a temporary file and a rename, under the feed's lock.
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
  /** the schema (lake/schema-id.ts) its file was written with */
  schemaId: z.string().optional(),
};

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
  columns: z.array(columnSchema),
  /** short hash of the column list (lake/schema-id.ts); absent in files older than it */
  schemaId: z.string().optional(),
  slots: z.record(z.string(), slotEntrySchema),
  updatedAt: z.string(),
});

export const tableMetadataSchema = z.object({
  feed: z.string(),
  kind: z.literal('table'),
  source: z.string(),
  columns: z.array(columnSchema),
  schemaId: z.string().optional(),
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

export async function readFeedMetadata(path: string): Promise<FeedMetadata | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  return feedMetadataSchema.parse(JSON.parse(text));
}

/** Read-modify-write under the feed's lock; `update` sees the current metadata (or null). */
export async function updateFeedMetadata<M extends FeedMetadata, R>(
  path: string,
  update: (current: M | null) => Promise<{ next: M; result: R }>,
): Promise<R> {
  await mkdir(dirname(path), { recursive: true });
  return withFileLock(`${path}.lock`, async () => {
    const current = (await readFeedMetadata(path)) as M | null;
    const { next, result } = await update(current);
    next.updatedAt = new Date().toISOString();
    await writeFileAtomic(path, `${JSON.stringify(next, null, 2)}\n`);
    return result;
  });
}
