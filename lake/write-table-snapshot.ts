import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { DuckDBInstance } from '@duckdb/node-api';
import { quotedString } from '@duckdb/node-api';
import type { TableFeed } from '../config/feed-schema.js';
import { checkSchema } from './check-schema.js';
import { summarizeParquetFiles } from './content-checksum.js';
import { lakeSelectList, PARQUET_OPTIONS, readStagedJson } from './duckdb-sql.js';
import { classifyDuckDbError } from './errors.js';
import { updateFeedMetadata, type TableMetadata, type VersionEntry } from './feed-metadata.js';
import { metadataPath, tableDir, versionDirRelative, versionQuarantineFile } from './lake-paths.js';
import { publishQuarantine } from './publish-quarantine.js';
import { openRunStaging } from './run-staging.js';
import type { LakeColumn } from './row-encoder.js';
import type { SourceRow } from './source-row.js';
import { schemaId } from './schema-id.js';
import { stageRows } from './stage-rows.js';

export interface TableSnapshotInput {
  feed: TableFeed;
  columns: readonly LakeColumn[];
  rows: AsyncIterable<SourceRow>;
  /** the run asking for the snapshot; a retry of the same run gets the version it already published */
  runId: string;
  /** the ksqlDB pull query the rows come from, recorded with the version */
  query?: string;
  onProgress?: (rowsSeen: number) => void;
}

export interface TableSnapshotResult {
  version: number;
  rows: number;
  quarantined: number;
  /** Parquet bytes of the version */
  bytes: number;
  /** the version directory, relative to the feed's table dir */
  path: string;
  checksum: string;
  /** rows set aside, relative to the lake root; null when none */
  quarantineFile: string | null;
}

/**
 * Writes a whole snapshot into a private directory, then publishes it as `version=N` with one
 * rename and records it in `_metadata.json` under the feed's lock, so N is allocated once even
 * when runs race. The new version becomes the current one. Old versions stay until retention
 * (lake/apply-retention.ts) removes them, which knows what the warehouse still holds.
 */
export async function writeTableSnapshot(root: string, duckdb: DuckDBInstance, input: TableSnapshotInput): Promise<TableSnapshotResult> {
  const { feed, columns } = input;
  const metaPath = metadataPath(root, 'table', feed.id);
  const began = Date.now();
  const columnRecords = await checkSchema(metaPath, feed, columns);
  const schema = schemaId(columnRecords);
  const staging = await openRunStaging(root, feed.id, input.runId);
  const snapshotDir = join(staging, 'snapshot');
  await mkdir(snapshotDir, { recursive: true });
  try {
    const staged = await stageRows({ dir: staging, columns, rows: input.rows, onProgress: input.onProgress });
    const dataFile = join(snapshotDir, 'data_0.parquet');
    const connection = await duckdb.connect();
    let summary;
    try {
      await connection.run(
        `COPY (SELECT ${lakeSelectList(columns)} FROM ${readStagedJson(staged.dataFile, columns)} ORDER BY ALL)
           TO ${quotedString(dataFile)} (${PARQUET_OPTIONS})`,
      );
      summary = (await summarizeParquetFiles(connection, [dataFile])).get(dataFile)!;
    } catch (err) {
      throw classifyDuckDbError(err, `writing a snapshot of ${feed.id}`);
    } finally {
      connection.closeSync();
    }
    const bytes = (await stat(dataFile)).size;
    return await updateFeedMetadata<TableMetadata, TableSnapshotResult>(metaPath, async (current) => {
      const next: TableMetadata = current ?? { feed: feed.id, kind: 'table', source: feed.source, columns: columnRecords, versions: [], pruned: [], updatedAt: '' };
      const already = next.versions.find((v) => v.runId === input.runId);
      if (already) return { next, result: resultOf(already, null) };
      const version = Math.max(0, ...next.versions.map((v) => v.version), ...next.pruned) + 1;
      await rename(snapshotDir, join(tableDir(root, feed.id), versionDirRelative(version)));
      const quarantineFile = await publishQuarantine(staged, versionQuarantineFile(root, feed.id, version));
      const entry: VersionEntry = {
        version,
        rows: summary.rows,
        quarantined: staged.quarantined,
        bytes,
        checksum: summary.checksum,
        publishedAt: new Date().toISOString(),
        runId: input.runId,
        durationMs: Date.now() - began,
        query: input.query,
        schemaId: schema,
      };
      next.columns = columnRecords;
      next.schemaId = schema;
      next.versions.push(entry);
      next.current = version;
      return { next, result: resultOf(entry, quarantineFile && relative(root, quarantineFile)) };
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

function resultOf(entry: VersionEntry, quarantineFile: string | null): TableSnapshotResult {
  return {
    version: entry.version,
    rows: entry.rows,
    quarantined: entry.quarantined,
    bytes: entry.bytes,
    path: versionDirRelative(entry.version),
    checksum: entry.checksum,
    quarantineFile,
  };
}
