import { rmSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DEFAULT_DUCKDB_CONCURRENT_WRITES, DEFAULT_DUCKDB_MEMORY_LIMIT, DEFAULT_DUCKDB_THREADS } from '../config/duckdb-settings.js';
import type { LakeSettings } from '../config/env.js';
import type { Feed } from '../config/feed-schema.js';
import { pruneExpired, type RetentionOptions, type RetentionResult } from './retention/prune-expired.js';
import { concurrencyLimit, type ConcurrencyLimit } from './common/concurrency-limit.js';
import { currentVersion } from './metadata/current-version.js';
import { LakeVersionError } from './common/errors.js';
import { readFeedMetadata, type FeedMetadata, type RollbackEntry, type VersionEntry } from './metadata/feed-metadata.js';
import { versionObject } from './read/feed-sources.js';
import { metadataKey, stagingRoot } from './common/lake-paths.js';
import { lakeOptions, type LakeOptions } from './lake-options.js';
import { localCopies, type LakeStorage } from './storage/lake-storage.js';
import { describeVersion, parquetSource, readVersion, type ReadVersionOptions, type VersionColumn, type VersionRows } from './read/read-version.js';
import { listQuarantine, revalidateStreamRows, streamQuarantinedRows, type QuarantineGroup } from './quarantine/quarantined-rows.js';
import { readVersionText, type ReadVersionTextOptions, type VersionText } from './read/read-version-text.js';
import { rollbackVersion } from './metadata/rollback-version.js';
import { appendRunRecord, readRunRecords, type RunQuery, type RunRecord } from './metadata/run-log.js';
import { runQuery, type LakeQueryResult } from './read/run-query.js';
import { streamPartitions, type PartitionSummary } from './status/stream-partitions.js';
import { engineInfo, freeBytes, probeWritable, type EngineInfo, type WritableProbe } from './lake-health.js';
import { parseLakeLocation, type LakeLocation } from './storage/lake-location.js';
import { openObjectStore } from './storage/open-object-store.js';
import { findStaleStaging, sweepStaging } from './staging/sweep-staging.js';
import type { SlotRange } from '../config/slot-range.js';
import { committedStreamSlots } from './write/committed-stream-slots.js';
import { writeStreamSlots, type StreamSlotsInput, type StreamSlotsResult } from './write/write-stream-slots.js';
import { writeTableSnapshot, type TableSnapshotInput, type TableSnapshotResult } from './write/write-table-snapshot.js';

export type { LakeOptions } from './lake-options.js';

/** No export runs longer than its activity's start-to-close timeout (1 h): a day-old staging dir is an orphan. */
const STALE_STAGING_MS = 24 * 3_600_000;

/**
 * The lake, in a local folder or in an S3 bucket, with the one DuckDB instance a process uses to
 * write it. The only code that knows the lake's layout and its storage: callers name feeds, slots
 * and versions, never files or keys, and get the same answers from either storage. Staging and the
 * copies a remote lake's readers fetch live on this process's own disk (LakeOptions).
 */
export class Lake {
  private constructor(
    private readonly storage: LakeStorage,
    private readonly duckdb: DuckDBInstance,
    /** a spill directory the lake made itself, removed on close */
    private readonly ownTempDir: string | null,
    /** lets DUCKDB_CONCURRENT_WRITES lake writes use DuckDB at once: concurrent activities share its memory cap */
    private readonly writeGate: ConcurrencyLimit,
    /** the gate's size: how many slot parts one stream write may hand it at once */
    private readonly writeLanes: number,
  ) {}

  /**
   * Opens the lake at `location`, a folder or `s3://bucket/prefix` (parseLakeLocation); staging
   * left by a worker killed more than `staleStagingMs` ago is removed. Opening an S3 lake makes no
   * request: a wrong bucket or credentials show at the first read or write (`ksql-etl doctor`).
   * DuckDB gets a memory cap, a thread count and a spill directory, so no export needs more memory
   * than that.
   */
  static async open(location: string | LakeLocation, opts: LakeOptions = {}): Promise<Lake> {
    const parsed = typeof location === 'string' ? parseLakeLocation(location) : location;
    if (parsed.kind === 's3' && !opts.s3) throw new Error(`The lake ${location} is in S3: S3 settings are needed to open it (AWS_* variables)`);
    const store = await openObjectStore(parsed, opts.s3 ?? { region: 'us-east-1', forcePathStyle: false });
    const remote = parsed.kind === 's3';
    const local = join(tmpdir(), 'ksql-etl');
    const storage: LakeStorage = {
      store,
      remote,
      stagingRoot: resolve(opts.stagingDir ?? (parsed.kind === 'local' ? stagingRoot(parsed.root) : join(local, 'staging'))),
      cacheRoot: resolve(opts.cacheDir ?? (parsed.kind === 'local' ? join(parsed.root, '_cache') : join(local, 'cache', parsed.bucket, ...parsed.prefix.split('/').filter(Boolean)))),
    };
    if (!opts.inspectOnly) {
      if (parsed.kind === 'local') await mkdir(parsed.root, { recursive: true });
      await sweepStaging(storage.stagingRoot, opts.staleStagingMs ?? STALE_STAGING_MS);
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
    const concurrentWrites = settings.concurrentWrites ?? DEFAULT_DUCKDB_CONCURRENT_WRITES;
    return new Lake(storage, duckdb, ownTempDir, concurrencyLimit(concurrentWrites), concurrentWrites);
  }

  /** `Lake.open(LAKE_DIR)` with the process's lake settings (S3 variables, staging, cache, DuckDB). */
  static fromEnv(env: LakeSettings, opts: Pick<LakeOptions, 'inspectOnly' | 'staleStagingMs'> = {}): Promise<Lake> {
    return Lake.open(env.LAKE_DIR, { ...lakeOptions(env), ...opts });
  }

  /** Where the lake lives, for people to read in messages (a folder or `s3://bucket/prefix`); not for opening. */
  get location(): string {
    return this.storage.store.location;
  }

  /** True when the lake is in an object store rather than a local folder. */
  get remote(): boolean {
    return this.storage.remote;
  }

  writeStreamSlots(input: StreamSlotsInput): Promise<StreamSlotsResult> {
    return writeStreamSlots(this.storage, this.duckdb, input, this.writeGate, this.writeLanes);
  }

  /** What `runId` already committed for the whole range (a retry after its commit), or null: see lake/write/committed-stream-slots.ts. */
  async committedStreamSlots(range: SlotRange, runId: string): Promise<StreamSlotsResult | null> {
    return committedStreamSlots(await this.describeFeed(range.feed), range, runId);
  }

  writeTableSnapshot(input: TableSnapshotInput): Promise<TableSnapshotResult> {
    return writeTableSnapshot(this.storage, this.duckdb, input, this.writeGate);
  }

  /** The feed's `_metadata.json` (slots or versions, rows, checksums), or null before its first export. */
  async describeFeed(feedId: string): Promise<FeedMetadata | null> {
    const { store } = this.storage;
    return (await readFeedMetadata(store, metadataKey('stream', feedId))) ?? readFeedMetadata(store, metadataKey('table', feedId));
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
    return readVersion(this.duckdb, await this.versionFiles(feedId, chosen), opts);
  }

  /** The version a table feed's readers see (moved by `rollback`), or null before its first snapshot. */
  async currentVersion(feedId: string): Promise<number | null> {
    const metadata = await this.describeFeed(feedId);
    return metadata?.kind === 'table' ? currentVersion(metadata) : null;
  }

  /**
   * Slot starts (epoch ms) a stream feed holds: every slot with a metadata entry, whether it has a
   * file or was exported empty. What a backfill asks before it plans; empty for a table or an unknown feed.
   */
  async heldSlots(feedId: string): Promise<Set<number>> {
    const metadata = await this.describeFeed(feedId);
    return new Set(metadata?.kind === 'stream' ? Object.keys(metadata.slots).map((start) => Date.parse(start)) : []);
  }

  /**
   * A published version of a table feed: `version`, or the current one (the newest, unless a
   * rollback moved it) when omitted. Null when the lake does not hold it (pruned or never published).
   */
  async findVersion(feedId: string, version?: number): Promise<VersionEntry | null> {
    const metadata = await this.describeFeed(feedId);
    if (metadata?.kind !== 'table' || metadata.versions.length === 0) return null;
    const wanted = version ?? currentVersion(metadata);
    return metadata.versions.find((v) => v.version === wanted) ?? null;
  }

  /** Points a table feed's readers back (or forward) at a version the lake keeps; records who and when. */
  rollback(feedId: string, version: number, by: string): Promise<RollbackEntry> {
    return rollbackVersion(this.storage.store, feedId, version, by);
  }

  /** Deletes what the feed's retention no longer keeps (or, with `dryRun`, says what it would). */
  applyRetention(feed: Feed, opts: RetentionOptions): Promise<RetentionResult> {
    return pruneExpired(this.storage.store, feed, opts);
  }

  /** The rows set aside by exports, one group per stream window or table version, with counts by reason. */
  quarantine(feedId?: string): Promise<QuarantineGroup[]> {
    return listQuarantine(this.storage.store, feedId);
  }

  /** The rows the export of a stream window set aside, and how many the feed's current schema would accept. */
  async revalidateQuarantine(feedId: string, window: { start: string; end: string }): Promise<{ rows: number; valid: number; bad: number }> {
    const rows = await streamQuarantinedRows(this.storage.store, feedId, window);
    return { rows: rows.length, ...(await revalidateStreamRows(this.storage.store, feedId, window, rows)) };
  }

  /** Adds one export attempt to the feed's run log. */
  recordRun(record: RunRecord): Promise<void> {
    return appendRunRecord(this.storage.store, record);
  }

  /** Records of the feed's run log: the newest few, and failed ones since an instant; oldest first. */
  runs(feedId: string, query?: RunQuery): Promise<RunRecord[]> {
    return readRunRecords(this.storage.store, feedId, query);
  }

  /** One version of a table feed as delimited text for a bulk loader (see ReadVersionTextOptions.format). */
  async readVersionText(feedId: string, version: number, opts: ReadVersionTextOptions): Promise<VersionText> {
    return readVersionText(this.duckdb, this.storage.stagingRoot, await this.versionFiles(feedId, version), opts);
  }

  /** The columns of one version of a table feed, with their DuckDB (Parquet) types. */
  async describeVersion(feedId: string, version: number): Promise<VersionColumn[]> {
    return describeVersion(this.duckdb, parquetSource(await this.versionFiles(feedId, version)));
  }

  /**
   * One row of aggregates over one version: `selectList` is DuckDB SQL (e.g. `count(*) AS rows`)
   * evaluated over the version's rows, returned JSON-safe (HUGEINT and DECIMAL as text).
   */
  async aggregateVersion(feedId: string, version: number, selectList: string): Promise<Record<string, unknown>> {
    const source = parquetSource(await this.versionFiles(feedId, version));
    const connection = await this.duckdb.connect();
    try {
      const reader = await connection.runAndReadAll(`SELECT ${selectList} FROM ${source}`);
      return reader.getRowObjectsJson()[0] ?? {};
    } finally {
      connection.closeSync();
    }
  }

  /**
   * Runs DuckDB SQL over views named after the feeds (`SELECT … FROM transaction_stream`): streams
   * over all their date partitions, with a `date` column a filter prunes on; tables on their current
   * version; `table_at('<feed>', <version>)` for any kept version (lake/read/query-views.ts). Refused SQL
   * throws `LakeQueryError` with DuckDB's message. On an S3 lake the files it reads are fetched first.
   */
  runQuery(sql: string): Promise<LakeQueryResult> {
    return runQuery(this.storage, this.duckdb, sql);
  }

  /** `runQuery`, with each row as an object keyed by column name. */
  async query(sql: string): Promise<Record<string, unknown>[]> {
    const { columns, rows } = await this.runQuery(sql);
    return rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])));
  }

  /** Writes a probe file (or object) and removes it at once; throws if the lake cannot be written. */
  checkWritable(): Promise<WritableProbe> {
    return probeWritable(this.storage);
  }

  /** Bytes free where an export stages: the lake's file system, or the staging folder's for an S3 lake. */
  freeBytes(): Promise<number> {
    return freeBytes(this.storage);
  }

  /** Staging directories old enough to be a killed worker's leftovers (the next `open` removes them). */
  staleStaging(olderThanMs = STALE_STAGING_MS): Promise<string[]> {
    return findStaleStaging(this.storage.stagingRoot, olderThanMs);
  }

  /** The DuckDB this lake writes with: version, memory limit, threads. */
  engineInfo(): Promise<EngineInfo> {
    return engineInfo(this.duckdb);
  }

  close(): void {
    this.duckdb.closeSync();
    this.storage.store.close();
    if (this.ownTempDir) rmSync(this.ownTempDir, { recursive: true, force: true });
  }

  /** Local paths of a version's files, from its metadata entry (fetched first for an S3 lake). */
  private async versionFiles(feedId: string, version: number): Promise<string[]> {
    const metadata = await readFeedMetadata(this.storage.store, metadataKey('table', feedId));
    const entry = metadata?.kind === 'table' ? metadata.versions.find((v) => v.version === version) : undefined;
    if (!entry) throw new LakeVersionError(`${this.location}: table feed ${feedId} has no kept version ${version}`);
    return localCopies(this.storage, [versionObject(feedId, entry)]);
  }
}
