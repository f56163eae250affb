import { rmSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Feed } from '../config/feed-schema.js';
import { applyRetention, type RetentionOptions, type RetentionResult } from './apply-retention.js';
import { currentVersion } from './current-version.js';
import { LakeVersionError } from './errors.js';
import { readFeedMetadata, type FeedMetadata, type RollbackEntry } from './feed-metadata.js';
import { DEFAULT_DUCKDB_MEMORY_LIMIT, DEFAULT_DUCKDB_THREADS, type DuckDbSettings } from '../config/duckdb-settings.js';
import { metadataPath, stagingRoot, tableGlob } from './lake-paths.js';
import { describeVersion, parquetSource, readVersion, type ReadVersionOptions, type VersionColumn, type VersionRows } from './read-version.js';
import { readVersionText, type ReadVersionTextOptions, type VersionText } from './read-version-text.js';
import { rollbackVersion } from './rollback-version.js';
import { appendRunRecord, readRunRecords, type RunQuery, type RunRecord } from './run-log.js';
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
    /** a spill directory the lake made itself, removed on close */
    private readonly ownTempDir: string | null,
  ) {}

  /**
   * Opens the lake; staging left by a worker killed more than `staleStagingMs` ago is removed.
   * `inspectOnly` creates nothing and removes nothing, for health checks that must change nothing.
   * DuckDB gets a memory cap, a thread count and a spill directory, so no export needs more memory
   * than that.
   */
  static async open(root: string, opts: { staleStagingMs?: number; inspectOnly?: boolean; duckdb?: DuckDbSettings } = {}): Promise<Lake> {
    const absolute = resolve(root);
    if (!opts.inspectOnly) {
      await mkdir(absolute, { recursive: true });
      await sweepStaging(stagingRoot(absolute), opts.staleStagingMs ?? STALE_STAGING_MS);
    }
    const settings = opts.duckdb ?? {};
    const ownTempDir = settings.tempDirectory ? null : await mkdtemp(join(tmpdir(), 'ksql-etl-duckdb-'));
    const duckdb = await DuckDBInstance.create(':memory:', {
      memory_limit: settings.memoryLimit ?? DEFAULT_DUCKDB_MEMORY_LIMIT,
      threads: String(settings.threads ?? DEFAULT_DUCKDB_THREADS),
      temp_directory: settings.tempDirectory ?? ownTempDir!,
      // Give freed memory back to the OS soon: between exports a worker should not sit on DuckDB's peak.
      allocator_flush_threshold: '16MB',
      allocator_bulk_deallocation_flush_threshold: '16MB',
      allocator_background_threads: 'true',
    });
    return new Lake(absolute, duckdb, ownTempDir);
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

  /** One version of a table feed (default: its current one): its columns, and its rows in batches, streamed. */
  async readVersion(feedId: string, version?: number, opts?: ReadVersionOptions): Promise<VersionRows> {
    const chosen = version ?? (await this.currentVersion(feedId));
    if (chosen === null) throw new LakeVersionError(`feed ${feedId} has no table snapshot in the lake`);
    return readVersion(this.duckdb, tableGlob(this.root, feedId, chosen), opts);
  }

  /** The version a table feed's readers see (moved by `rollback`), or null before its first snapshot. */
  async currentVersion(feedId: string): Promise<number | null> {
    const metadata = await this.describeFeed(feedId);
    return metadata?.kind === 'table' ? currentVersion(metadata) : null;
  }

  /** Points a table feed's readers back (or forward) at a version the lake keeps; records who and when. */
  rollback(feedId: string, version: number, by: string): Promise<RollbackEntry> {
    return rollbackVersion(this.root, feedId, version, by);
  }

  /** Deletes what the feed's retention no longer keeps (or, with `dryRun`, says what it would). */
  applyRetention(feed: Feed, opts: RetentionOptions): Promise<RetentionResult> {
    return applyRetention(this.root, feed, opts);
  }

  /** Adds one export attempt to the feed's run log. */
  recordRun(record: RunRecord): Promise<void> {
    return appendRunRecord(this.root, record);
  }

  /** Records of the feed's run log: the newest few, and failed ones since an instant; oldest first. */
  runs(feedId: string, query?: RunQuery): Promise<RunRecord[]> {
    return readRunRecords(this.root, feedId, query);
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
    if (this.ownTempDir) rmSync(this.ownTempDir, { recursive: true, force: true });
  }
}
