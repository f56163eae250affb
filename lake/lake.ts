import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { readFeedMetadata, type FeedMetadata } from './feed-metadata.js';
import { metadataPath, stagingRoot, tableGlob } from './lake-paths.js';
import { describeVersion, parquetSource, readVersion, type ReadVersionOptions, type VersionColumn, type VersionRows } from './read-version.js';
import { readVersionText, type ReadVersionTextOptions, type VersionText } from './read-version-text.js';
import { runQuery, type QueryResult } from './run-query.js';
import { streamPartitions, type PartitionSummary } from './stream-partitions.js';
import { engineInfo, freeBytes, probeWritable, type EngineInfo, type WritableProbe } from './lake-health.js';
import { findStaleStaging, sweepStaging } from './sweep-staging.js';
import { writeStreamSlots, type StreamSlotsInput, type StreamSlotsResult } from './write-stream-slots.js';
import { writeTableSnapshot, type TableSnapshotInput, type TableSnapshotResult } from './write-table-snapshot.js';

/** No export runs longer than its activity's start-to-close timeout (1 h): a day-old staging dir is an orphan. */
const STALE_STAGING_MS = 24 * 3_600_000;

/**
 * The lake on the local file system, with the one DuckDB instance a process uses to write it. The
 * only code that knows the lake's layout: callers name feeds, slots and versions, never files, so
 * an object-store lake can offer the same methods.
 */
export class Lake {
  private constructor(
    private readonly root: string,
    private readonly duckdb: DuckDBInstance,
  ) {}

  /**
   * Opens the lake; staging left by a worker killed more than `staleStagingMs` ago is removed.
   * `inspectOnly` creates nothing and removes nothing, for health checks that must change nothing.
   */
  static async open(root: string, opts: { staleStagingMs?: number; inspectOnly?: boolean } = {}): Promise<Lake> {
    const absolute = resolve(root);
    if (!opts.inspectOnly) {
      await mkdir(absolute, { recursive: true });
      await sweepStaging(stagingRoot(absolute), opts.staleStagingMs ?? STALE_STAGING_MS);
    }
    return new Lake(absolute, await DuckDBInstance.create(':memory:'));
  }

  /** Where the lake lives, for people to read in messages (a directory today); not for opening. */
  get location(): string {
    return this.root;
  }

  writeStreamSlots(input: StreamSlotsInput): Promise<StreamSlotsResult> {
    return writeStreamSlots(this.root, this.duckdb, input);
  }

  writeTableSnapshot(input: TableSnapshotInput): Promise<TableSnapshotResult> {
    return writeTableSnapshot(this.root, this.duckdb, input);
  }

  /** The feed's `_metadata.json` (slots or versions, rows, checksums), or null before its first export. */
  async describeFeed(feedId: string): Promise<FeedMetadata | null> {
    return (await readFeedMetadata(metadataPath(this.root, 'stream', feedId))) ?? readFeedMetadata(metadataPath(this.root, 'table', feedId));
  }

  /** Files and rows per date partition of a stream feed, from its metadata; empty for a table or an unknown feed. */
  async streamPartitions(feedId: string): Promise<PartitionSummary[]> {
    const metadata = await this.describeFeed(feedId);
    return metadata?.kind === 'stream' ? streamPartitions(metadata) : [];
  }

  /** One version of a table feed: its columns, and its rows in batches, streamed. */
  readVersion(feedId: string, version: number, opts?: ReadVersionOptions): Promise<VersionRows> {
    return readVersion(this.duckdb, tableGlob(this.root, feedId, version), opts);
  }

  /** One version of a table feed as delimited text for a bulk loader (see ReadVersionTextOptions.format). */
  readVersionText(feedId: string, version: number, opts: ReadVersionTextOptions): Promise<VersionText> {
    return readVersionText(this.duckdb, stagingRoot(this.root), tableGlob(this.root, feedId, version), opts);
  }

  /** The columns of one version of a table feed, with their DuckDB (Parquet) types. */
  describeVersion(feedId: string, version: number): Promise<VersionColumn[]> {
    return describeVersion(this.duckdb, parquetSource(tableGlob(this.root, feedId, version)));
  }

  /**
   * One row of aggregates over one version: `selectList` is DuckDB SQL (e.g. `count(*) AS rows`)
   * evaluated over the version's rows, returned JSON-safe (HUGEINT and DECIMAL as text).
   */
  async aggregateVersion(feedId: string, version: number, selectList: string): Promise<Record<string, unknown>> {
    const connection = await this.duckdb.connect();
    try {
      const reader = await connection.runAndReadAll(`SELECT ${selectList} FROM ${parquetSource(tableGlob(this.root, feedId, version))}`);
      return reader.getRowObjectsJson()[0] ?? {};
    } finally {
      connection.closeSync();
    }
  }

  /**
   * Runs DuckDB SQL over views named after the feeds (`SELECT … FROM transaction_stream`): streams
   * over all their date partitions, with a `date` column a filter prunes on; tables on their current
   * version; `table_at('<feed>', <version>)` for any kept version (lake/query-views.ts). Refused SQL
   * throws `LakeQueryError` with DuckDB's message.
   */
  runQuery(sql: string): Promise<QueryResult> {
    return runQuery(this.root, this.duckdb, sql);
  }

  /** `runQuery`, with each row as an object keyed by column name. */
  async query(sql: string): Promise<Record<string, unknown>[]> {
    const { columns, rows } = await this.runQuery(sql);
    return rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])));
  }

  /** Writes a probe file and removes it at once; throws if the lake cannot be written. */
  checkWritable(): Promise<WritableProbe> {
    return probeWritable(this.root);
  }

  /** Bytes free on the lake's file system. */
  freeBytes(): Promise<number> {
    return freeBytes(this.root);
  }

  /** Staging directories old enough to be a killed worker's leftovers (the next `open` removes them). */
  staleStaging(olderThanMs = STALE_STAGING_MS): Promise<string[]> {
    return findStaleStaging(stagingRoot(this.root), olderThanMs);
  }

  /** The DuckDB this lake writes with: version, memory limit, threads. */
  engineInfo(): Promise<EngineInfo> {
    return engineInfo(this.duckdb);
  }

  close(): void {
    this.duckdb.closeSync();
  }
}
