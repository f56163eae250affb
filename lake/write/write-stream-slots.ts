import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBInstance } from '@duckdb/node-api';
import { quotedString } from '@duckdb/node-api';
import type { StreamFeed } from '../../config/feed-schema.js';
import type { SlotRange } from '../../config/slot-range.js';
import { summarizeParquetFiles, type FileSummary } from './content-checksum.js';
import { classifyDuckDbError } from '../common/errors.js';
import { updateFeedMetadata, type SlotEntry, type StreamMetadata } from '../metadata/feed-metadata.js';
import { feedFileKey, metadataKey, slotFileRelative, streamQuarantineKey } from '../common/lake-paths.js';
import type { LakeStorage } from '../storage/lake-storage.js';
import { concurrencyLimit, type ConcurrencyLimit } from '../common/concurrency-limit.js';
import { publishQuarantine } from '../quarantine/publish-quarantine.js';
import { putFile } from '../storage/put-file.js';
import { openRunStaging } from '../staging/run-staging.js';
import type { StreamColumns } from '../encoding/row-encoder.js';
import { checkQuarantineThreshold } from '../quarantine/check-quarantine-threshold.js';
import { checkSchema } from '../metadata/check-schema.js';
import { recordSchema } from '../metadata/feed-schemas.js';
import { schemaId } from '../metadata/schema-id.js';
import { sourceLinesOf, type SourceLines, type SourceRow } from '../encoding/source-row.js';
import { StreamStaging } from '../staging/stream-staging.js';
import { SlotPartWriter } from './slot-part-writer.js';
import { PARQUET_OPTIONS } from '../encoding/duckdb-sql.js';

const PROGRESS_EVERY = 5000;
/** Slot files stored at once: S3 uploads overlap; a local store's renames do not care. */
const PUT_CONCURRENCY = 4;

export interface StreamSlotsInput {
  feed: StreamFeed;
  /** the slots to write, checked on creation (config/slot-range.ts) */
  range: SlotRange;
  columns: StreamColumns;
  /** the rows as wire lines for DuckDB to parse in bulk (fast), or decoded one by one */
  rows: SourceLines | AsyncIterable<SourceRow>;
  runId: string;
  /** the ksqlDB pull query the rows come from, recorded with each slot */
  query?: string;
  onProgress?: (rowsSeen: number) => void;
}

export interface SlotResult {
  slot: string;
  rows: number;
  file: string | null;
}

export interface StreamSlotsResult {
  slots: SlotResult[];
  rows: number;
  quarantined: number;
  /** Parquet bytes written, all slots */
  bytes: number;
  files: string[];
  /** the key of the rows set aside (`_quarantine/…`, relative to the lake's root); null when none */
  quarantineFile: string | null;
}

/**
 * Writes one Parquet file per slot of the range, named from (feed, slot), and stores each as one
 * object under its key (a rename on a local folder, a PUT or completed multipart upload on S3: both
 * replace atomically), so a retry or rerun replaces a slot's file, never adds rows beside it. The
 * metadata commit that records the slots comes after every file is stored and checked. A slot that
 * comes back empty keeps what the lake had (the source may have aged it out), and says so.
 * `duckdbGate` admits each slot's DuckDB work (COPY and checksum) when other writes of the process let it.
 */
export async function writeStreamSlots(
  storage: LakeStorage,
  duckdb: DuckDBInstance,
  input: StreamSlotsInput,
  duckdbGate: ConcurrencyLimit = (fn) => fn(),
  /** slot parts written at once (each on its own connection); see SlotPartWriter */
  lanes = 1,
): Promise<StreamSlotsResult> {
  const { store } = storage;
  const { feed, range, columns } = input;
  if (range.feed !== feed.id) throw new Error(`a slot range of ${range.feed} cannot be written to feed ${feed.id}`);
  const { slotMs } = range;
  const began = Date.now();
  const [startMs, endMs] = [Date.parse(range.start), Date.parse(range.end)];
  const metaKey = metadataKey('stream', feed.id);
  const columnRecords = await checkSchema(store, metaKey, feed, columns);
  const schema = schemaId(columnRecords);
  const dir = await openRunStaging(storage.stagingRoot, feed.id, input.runId);
  const source = 'batches' in input.rows ? input.rows : sourceLinesOf(input.rows);
  const staging = new StreamStaging(dir, columns, { startMs, endMs, slotMs }, source.decode);
  const uploads = new Map<number, Promise<{ size: number; sha256: string }>>();
  const writer = await duckdb.connect();
  try {
    const out = join(dir, 'out');
    await mkdir(out);
    const parts = new SlotPartWriter(duckdb, staging, columns, slotMs, out, duckdbGate, lanes);
    let rows = 0;
    const summaries = new Map<number, FileSummary>();
    /** the staged file of each slot with rows, stored only once the whole range passed its checks */
    const slotFiles = new Map<number, string>();
    const limited = concurrencyLimit(PUT_CONCURRENCY);
    try {
      try {
        await stageLines(staging, source, parts, input.onProgress);
      } finally {
        await parts.finish().catch((err: unknown) => {
          throw classifyDuckDbError(err, 'writing stream slots');
        });
      }
      for (const [slotStart, written] of [...parts.written].sort(([a], [b]) => a - b)) {
        // A slot whose rows came in more than one part is merged into one file, parts in arrival order.
        const file = written.length === 1 ? written[0]!.file : join(out, `${slotStart}.parquet`);
        // One file at a time: the checksum aggregates every row's hash, so memory follows the slot, not the range.
        const summary = written.length === 1 ? written[0]!.summary : await duckdbGate(async () => {
          await writer.run(`COPY (SELECT * FROM read_parquet([${written.map((p) => quotedString(p.file)).join(', ')}])) TO ${quotedString(file)} (${PARQUET_OPTIONS})`);
          return (await summarizeParquetFiles(writer, [file])).get(file)!;
        }).catch((err: unknown) => {
          throw classifyDuckDbError(err, 'writing stream slots');
        });
        rows += summary.rows;
        summaries.set(slotStart, summary);
        slotFiles.set(slotStart, file);
      }
    } finally {
      await staging.flush();
    }
    // The last slot's bulk check settled the quarantine count; past the threshold nothing is stored.
    await checkQuarantineThreshold(feed, `window [${range.start}, ${range.end})`, staging);
    for (const [slot, file] of slotFiles) {
      const put = limited(() => putFile(store, feedFileKey('stream', feed.id, slotFileRelative(feed.id, slot)), file));
      put.catch(() => undefined); // awaited below; failing early must not count as unhandled
      uploads.set(slot, put);
    }
    const stored = new Map<number, { size: number; sha256: string }>();
    for (const [slot, put] of uploads) stored.set(slot, await put);
    const slots: Array<SlotResult & { entry: SlotEntry }> = [];
    for (let slot = startMs; slot < endMs; slot += slotMs) {
      const summary = summaries.get(slot);
      const file = summary ? slotFileRelative(feed.id, slot) : null;
      const object = stored.get(slot);
      const bytes = object?.size ?? 0;
      const entry: SlotEntry = {
        start: new Date(slot).toISOString(),
        end: new Date(slot + slotMs).toISOString(),
        file,
        rows: summary?.rows ?? 0,
        quarantined: staging.slots.get((slot - startMs) / slotMs)?.quarantined ?? 0,
        bytes,
        checksum: summary?.checksum ?? null,
        sha256: object?.sha256 ?? null,
        exportedAt: new Date().toISOString(),
        runId: input.runId,
        durationMs: Date.now() - began,
        query: input.query,
        schemaId: schema,
      };
      slots.push({ slot: entry.start, rows: entry.rows, file, entry });
    }
    const quarantineFile = await publishQuarantine(
      store,
      { quarantined: staging.quarantined, quarantineFile: await sortQuarantine(duckdb, staging, dir) },
      streamQuarantineKey(feed.id, startMs, endMs),
    );
    await updateFeedMetadata<StreamMetadata, void>(store, metaKey, (current) => {
      const next: StreamMetadata = current ?? { feed: feed.id, kind: 'stream', source: feed.source, columns: columnRecords, slots: {}, updatedAt: '' };
      recordSchema(next, columnRecords);
      for (const { entry } of slots) {
        const previous = next.slots[entry.start];
        // An empty re-export of a slot the lake already holds keeps the lake's copy.
        if (entry.file === null && previous?.file) continue;
        // What it held before tells the status report a re-export found late rows.
        next.slots[entry.start] = previous ? { ...entry, previousRows: previous.rows } : entry;
      }
      return { next, result: undefined };
    });
    return {
      slots: slots.map(({ slot, rows, file }) => ({ slot, rows, file })),
      rows,
      quarantined: staging.quarantined,
      bytes: slots.reduce((sum, s) => sum + s.entry.bytes, 0),
      files: slots.flatMap((s) => (s.file ? [s.file] : [])),
      quarantineFile,
    };
  } finally {
    writer.closeSync();
    await Promise.allSettled(uploads.values()); // none may still read a staged file when it goes
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Stages every line of the source, handing each sealed part to the writer as it is sealed (so
 * DuckDB works while the transfer goes on); heartbeats through `onProgress` about every 5,000 rows.
 */
async function stageLines(staging: StreamStaging, source: SourceLines, parts: SlotPartWriter, onProgress?: (rowsSeen: number) => void): Promise<void> {
  let reported = 0;
  for await (const batch of source.batches) {
    parts.enqueue(await staging.add(batch));
    if (parts.failure) throw parts.failure;
    if (staging.seen - reported >= PROGRESS_EVERY) {
      reported = staging.seen;
      onProgress?.(reported);
    }
  }
  parts.enqueue(await staging.sealAll());
}

/** The quarantined rows in the order the source sent them, as `{reason, raw}` lines. */
async function sortQuarantine(duckdb: DuckDBInstance, staging: StreamStaging, dir: string): Promise<string> {
  const sorted = join(dir, 'quarantine.ndjson');
  if (staging.quarantined === 0) return sorted;
  const connection = await duckdb.connect();
  try {
    await connection.run(
      `COPY (SELECT reason, raw FROM read_json(${quotedString(staging.quarantineFile)}, format = 'newline_delimited',
               columns = {'seq': 'BIGINT', 'reason': 'VARCHAR', 'raw': 'VARCHAR'}) ORDER BY seq)
         TO ${quotedString(sorted)} (FORMAT JSON)`,
    );
  } catch (err) {
    throw classifyDuckDbError(err, 'sorting the quarantine');
  } finally {
    connection.closeSync();
  }
  return sorted;
}
