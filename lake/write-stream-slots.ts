import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { DuckDBInstance } from '@duckdb/node-api';
import { quotedString } from '@duckdb/node-api';
import type { StreamFeed } from '../config/feed-schema.js';
import type { SlotRange } from '../config/slot-range.js';
import { summarizeParquetFiles } from './content-checksum.js';
import { lakeSelectList, PARQUET_OPTIONS, readStagedJson } from './duckdb-sql.js';
import { classifyDuckDbError } from './errors.js';
import { updateFeedMetadata, type SlotEntry, type StreamMetadata } from './feed-metadata.js';
import { metadataPath, quarantineDir, slotFileRelative, slotStamp, streamDir } from './lake-paths.js';
import { publishQuarantine } from './publish-quarantine.js';
import { openRunStaging } from './run-staging.js';
import type { LakeColumn, StreamColumns } from './row-encoder.js';
import { checkSchema } from './check-schema.js';
import { schemaId } from './schema-id.js';
import { stageRows } from './stage-rows.js';
import type { SourceRow } from './source-row.js';

export interface StreamSlotsInput {
  feed: StreamFeed;
  /** the slots to write, checked on creation (config/slot-range.ts) */
  range: SlotRange;
  columns: StreamColumns;
  rows: AsyncIterable<SourceRow>;
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
  const staging = await openRunStaging(root, feed.id, input.runId);
  const quarantinedPerSlot = new Array<number>((endMs - startMs) / slotMs).fill(0);
  try {
    const staged = await stageRows({
      dir: staging,
      columns,
      rows: input.rows,
      check: (values) => rowtimeProblem(values.rowtime, startMs, endMs),
      onQuarantine: (row) => quarantinedPerSlot[slotIndexOf(row, startMs, endMs, slotMs)]++,
      onProgress: input.onProgress,
    });
    const stagedFiles = staged.rows > 0 ? await copyToSlotFiles(duckdb, staging, staged.dataFile, columns, slotMs) : new Map();
    const connection = await duckdb.connect();
    const summaries = await summarizeParquetFiles(connection, [...stagedFiles.values()]).finally(() => connection.closeSync());
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
        quarantined: quarantinedPerSlot[(slot - startMs) / slotMs]!,
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
      staged,
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
      rows: staged.rows,
      quarantined: staged.quarantined,
      bytes: slots.reduce((sum, s) => sum + s.entry.bytes, 0),
      files: slots.flatMap((s) => (s.file ? [s.file] : [])),
      quarantineFile: quarantineFile && relative(root, quarantineFile),
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * The slot a quarantined row belongs to, by its ROWTIME when that can be read; a line that could not
 * be decoded at all, or a ROWTIME outside the range, is booked against the nearest slot of the range.
 */
function slotIndexOf(row: SourceRow, startMs: number, endMs: number, slotMs: number): number {
  // ROWTIME is the first column (StreamColumns)
  const ms = row.kind === 'row' ? Number(String(row.values[0])) : Number.NaN;
  const last = (endMs - startMs) / slotMs - 1;
  return Number.isFinite(ms) ? Math.min(last, Math.max(0, Math.floor((ms - startMs) / slotMs))) : 0;
}

function rowtimeProblem(rowtime: unknown, startMs: number, endMs: number): string | null {
  const ms = Number(rowtime);
  if (!Number.isFinite(ms)) return 'ROWTIME is missing';
  if (ms < startMs || ms >= endMs) return `ROWTIME ${new Date(ms).toISOString()} is outside the requested range`;
  return null;
}

/** One COPY with PARTITION_BY (date, slot); returns slot start → staged file. */
async function copyToSlotFiles(
  duckdb: DuckDBInstance,
  staging: string,
  dataFile: string,
  columns: readonly LakeColumn[],
  slotMs: number,
): Promise<Map<number, string>> {
  const out = join(staging, 'out');
  const connection = await duckdb.connect();
  try {
    await connection.run(
      `COPY (
         SELECT *, strftime(rowtime, '%Y-%m-%d') AS date, (epoch_ms(rowtime) // ${slotMs}) * ${slotMs} AS slot
         FROM (SELECT ${lakeSelectList(columns, { rowtimeColumn: 'rowtime' })} FROM ${readStagedJson(dataFile, columns)})
         ORDER BY ALL
       ) TO ${quotedString(out)} (${PARQUET_OPTIONS}, PARTITION_BY (date, slot), FILENAME_PATTERN 'part_{i}')`,
    );
  } catch (err) {
    throw classifyDuckDbError(err, 'writing stream slots');
  } finally {
    connection.closeSync();
  }
  const files = new Map<number, string>();
  for (const dateDir of await readdir(out)) {
    for (const slotDir of await readdir(join(out, dateDir))) {
      const parts = await readdir(join(out, dateDir, slotDir));
      // A slot must be exactly one file, or a rename could not publish it atomically.
      if (parts.length !== 1) throw new Error(`DuckDB wrote ${parts.length} files for ${slotDir}; expected one`);
      files.set(Number(slotDir.replace('slot=', '')), join(out, dateDir, slotDir, parts[0]!));
    }
  }
  return files;
}
