import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBInstance } from '@duckdb/node-api';
import { quotedString } from '@duckdb/node-api';
import type { TableFeed } from '../../config/feed-schema.js';
import { checkQuarantineThreshold } from '../quarantine/check-quarantine-threshold.js';
import { checkSchema } from '../metadata/check-schema.js';
import type { ConcurrencyLimit } from '../common/concurrency-limit.js';
import { summarizeParquetFiles } from './content-checksum.js';
import { lakeSelectList, PARQUET_OPTIONS, readStagedJson } from '../encoding/duckdb-sql.js';
import { classifyDuckDbError } from '../common/errors.js';
import { readFeedMetadata, updateFeedMetadata, type TableMetadata, type VersionEntry } from '../metadata/feed-metadata.js';
import { feedFileKey, metadataKey, versionDirRelative, versionFileRelative, versionQuarantineKey } from '../common/lake-paths.js';
import type { LakeStorage } from '../storage/lake-storage.js';
import { describeFile } from '../storage/checked-stream.js';
import { publishQuarantine } from '../quarantine/publish-quarantine.js';
import { openRunStaging } from '../staging/run-staging.js';
import type { LakeColumn } from '../encoding/row-encoder.js';
import type { SourceRow } from '../encoding/source-row.js';
import { recordSchema } from '../metadata/feed-schemas.js';
import { schemaId } from '../metadata/schema-id.js';
import { stageRows } from '../staging/stage-rows.js';

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
  /** the version's folder, relative to the feed (`version=N`) */
  path: string;
  checksum: string;
  /** the key of the rows set aside (`_quarantine/…`); null when none */
  quarantineFile: string | null;
}

/**
 * Writes a whole snapshot to the worker's staging, stores it as `version=N/data_<attempt>.parquet`
 * and publishes it by the metadata commit that names it, so a reader following the metadata never
 * sees half a version. N is the next free number when the file goes up; if another run commits N
 * first, the commit finds N taken, the file moves on to the next number and the commit is tried
 * again, so N is allocated once even when runs race on several workers. A retry of a run that
 * already published gets that version back. The new version becomes the current one. Old versions
 * stay until retention (lake/retention/prune-expired.ts) removes them, which knows what the warehouse holds.
 */
export async function writeTableSnapshot(
  storage: LakeStorage,
  duckdb: DuckDBInstance,
  input: TableSnapshotInput,
  duckdbGate: ConcurrencyLimit = (fn) => fn(),
): Promise<TableSnapshotResult> {
  const { store } = storage;
  const { feed, columns } = input;
  const metaKey = metadataKey('table', feed.id);
  const began = Date.now();
  const columnRecords = await checkSchema(store, metaKey, feed, columns);
  const schema = schemaId(columnRecords);
  const staging = await openRunStaging(storage.stagingRoot, feed.id, input.runId);
  try {
    const staged = await stageRows({ dir: staging, columns, rows: input.rows, onProgress: input.onProgress });
    await checkQuarantineThreshold(feed, 'snapshot', { seen: staged.rows + staged.quarantined, ...staged });
    const dataFile = join(staging, 'data.parquet');
    const connection = await duckdb.connect();
    let summary;
    try {
      summary = await duckdbGate(async () => {
        await connection.run(
          `COPY (SELECT ${lakeSelectList(columns)} FROM ${readStagedJson(staged.dataFile, columns)} ORDER BY ALL)
             TO ${quotedString(dataFile)} (${PARQUET_OPTIONS})`,
        );
        return (await summarizeParquetFiles(connection, [dataFile])).get(dataFile)!;
      });
    } catch (err) {
      throw classifyDuckDbError(err, `writing a snapshot of ${feed.id}`);
    } finally {
      connection.closeSync();
    }
    const expect = await describeFile(dataFile);
    const attempt = randomUUID().slice(0, 8);
    const quarantine = (version: number) => publishQuarantine(store, staged, versionQuarantineKey(feed.id, version));
    let source = dataFile;
    for (;;) {
      const current = (await readFeedMetadata(store, metaKey)) as TableMetadata | null;
      const known = current?.versions.find((v) => v.runId === input.runId);
      if (known) return resultOf(known, await quarantine(known.version));
      const version = nextVersion(current);
      const file = versionFileRelative(version, attempt);
      const key = feedFileKey('table', feed.id, file);
      await store.put(key, source, expect, { consumeSource: true });
      const entry: VersionEntry = {
        version,
        rows: summary.rows,
        quarantined: staged.quarantined,
        bytes: expect.size,
        checksum: summary.checksum,
        file,
        sha256: expect.sha256,
        publishedAt: new Date().toISOString(),
        runId: input.runId,
        durationMs: Date.now() - began,
        query: input.query,
        schemaId: schema,
      };
      const outcome = await updateFeedMetadata<TableMetadata, Publish>(store, metaKey, (latest) => {
        const already = latest?.versions.find((v) => v.runId === input.runId);
        if (already) return { next: null, result: { kind: 'already', entry: already } };
        if (nextVersion(latest) !== version) return { next: null, result: { kind: 'taken' } };
        const next: TableMetadata = latest ?? { feed: feed.id, kind: 'table', source: feed.source, columns: columnRecords, versions: [], pruned: [], updatedAt: '' };
        recordSchema(next, columnRecords);
        next.versions.push(entry);
        next.current = version;
        return { next, result: { kind: 'published' } };
      });
      if (outcome.kind === 'published') return resultOf(entry, await quarantine(version));
      // Not published: this file is named by no metadata. A local store moved the staged file to
      // `key`, so the next attempt moves it on from there; a remote copy is deleted.
      const moved = store.localPath(key);
      if (moved) source = moved;
      else await store.delete([key]);
      if (outcome.kind === 'already') {
        if (moved) await store.delete([key]);
        return resultOf(outcome.entry, await quarantine(outcome.entry.version));
      }
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

type Publish = { kind: 'published' } | { kind: 'already'; entry: VersionEntry } | { kind: 'taken' };

/** Numbers are never reused, even after pruning. */
function nextVersion(metadata: TableMetadata | null): number {
  return Math.max(0, ...(metadata?.versions.map((v) => v.version) ?? []), ...(metadata?.pruned ?? [])) + 1;
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
