import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { DuckDBInstance } from '@duckdb/node-api';
import { quotedString } from '@duckdb/node-api';
import type { StreamFeed } from '../config/feed-schema.js';
import type { SlotRange } from '../config/slot-range.js';
import { summarizeParquetFiles, type FileSummary } from './content-checksum.js';
import { classifyDuckDbError } from './errors.js';
import { updateFeedMetadata, type SlotEntry, type StreamMetadata } from './feed-metadata.js';
import { metadataPath, quarantineDir, slotFileRelative, slotStamp, streamDir } from './lake-paths.js';
import { publishQuarantine } from './publish-quarantine.js';
import { openRunStaging } from './run-staging.js';
import type { StreamColumns } from './row-encoder.js';
import { checkSchema } from './check-schema.js';
import { schemaId } from './schema-id.js';
import { sourceLinesOf, type SourceLines, type SourceRow } from './source-row.js';
import { StreamStaging } from './stream-staging.js';
import { writeSlotFile } from './write-slot-file.js';

const PROGRESS_EVERY = 5000;

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
  /** rows set aside, relative to the lake root; null when none */
  quarantineFile: string | null;
}

/**
 * Writes one Parquet file per slot of the range, named from (feed, slot), and publishes
 * each by rename: a retry or rerun replaces a slot's file, never adds rows beside it. A slot that
 * comes back empty keeps what the lake had (the source may have aged it out), and says so.
 */
export async function writeStreamSlots(root: string, duckdb: DuckDBInstance, input: StreamSlotsInput): Promise<StreamSlotsResult> {
  const { feed, range, columns } = input;
  if (range.feed !== feed.id) throw new Error(`a slot range of ${range.feed} cannot be written to feed ${feed.id}`);
  const { slotMs } = range;
  const began = Date.now();
  const [startMs, endMs] = [Date.parse(range.start), Date.parse(range.end)];
  const metaPath = metadataPath(root, 'stream', feed.id);
  const columnRecords = await checkSchema(metaPath, feed, columns);
  const schema = schemaId(columnRecords);
  const dir = await openRunStaging(root, feed.id, input.runId);
  const source = 'batches' in input.rows ? input.rows : sourceLinesOf(input.rows);
  const staging = new StreamStaging(dir, columns, { startMs, endMs, slotMs }, source.decode);
  try {
    await stageLines(staging, source, input.onProgress);
    const out = join(dir, 'out');
    await mkdir(out);
    const stagedFiles = new Map<number, string>();
    let rows = 0;
    const writer = await duckdb.connect();
    try {
      for (const slot of [...staging.slots.values()].sort((a, b) => a.startMs - b.startMs)) {
        if (slot.lines + slot.rescued === 0) continue;
        const file = join(out, `${slot.startMs}.parquet`);
        const written = await writeSlotFile(writer, staging, columns, slot, slotMs, file);
        if (written > 0) stagedFiles.set(slot.startMs, file);
        rows += written;
      }
    } catch (err) {
      throw classifyDuckDbError(err, 'writing stream slots');
    } finally {
      writer.closeSync();
      await staging.flush();
    }
    const connection = await duckdb.connect();
    const summaries = new Map<string, FileSummary>();
    try {
      // One file at a time: the checksum aggregates every row's hash, so memory follows the slot, not the range.
      for (const file of stagedFiles.values()) summaries.set(file, (await summarizeParquetFiles(connection, [file])).get(file)!);
    } finally {
      connection.closeSync();
    }
    const slots: Array<SlotResult & { entry: SlotEntry }> = [];
    for (let slot = startMs; slot < endMs; slot += slotMs) {
      const staged = stagedFiles.get(slot);
      const file = staged ? slotFileRelative(feed.id, slot) : null;
      const summary = staged ? summaries.get(staged) : undefined;
      const bytes = staged ? (await stat(staged)).size : 0;
      if (staged && file) {
        const target = join(streamDir(root, feed.id), file);
        await mkdir(dirname(target), { recursive: true });
        await rename(staged, target);
      }
      const entry: SlotEntry = {
        start: new Date(slot).toISOString(),
        end: new Date(slot + slotMs).toISOString(),
        file,
        rows: summary?.rows ?? 0,
        quarantined: staging.slots.get((slot - startMs) / slotMs)?.quarantined ?? 0,
        bytes,
        checksum: summary?.checksum ?? null,
        exportedAt: new Date().toISOString(),
        runId: input.runId,
        durationMs: Date.now() - began,
        query: input.query,
        schemaId: schema,
      };
      slots.push({ slot: entry.start, rows: entry.rows, file, entry });
    }
    const quarantineFile = await publishQuarantine(
      { quarantined: staging.quarantined, quarantineFile: await sortQuarantine(duckdb, staging, dir) },
      join(quarantineDir(root, feed.id), `${slotStamp(startMs)}_${slotStamp(endMs)}.ndjson`),
    );
    await updateFeedMetadata<StreamMetadata, void>(metaPath, async (current) => {
      const next: StreamMetadata = current ?? { feed: feed.id, kind: 'stream', source: feed.source, columns: columnRecords, slots: {}, updatedAt: '' };
      next.columns = columnRecords;
      next.schemaId = schema;
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
      quarantineFile: quarantineFile && relative(root, quarantineFile),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Stages every line of the source; heartbeats through `onProgress` about every 5,000 rows. */
async function stageLines(staging: StreamStaging, source: SourceLines, onProgress?: (rowsSeen: number) => void): Promise<void> {
  let reported = 0;
  for await (const batch of source.batches) {
    await staging.add(batch);
    if (staging.seen - reported >= PROGRESS_EVERY) {
      reported = staging.seen;
      onProgress?.(reported);
    }
  }
  await staging.flush();
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
