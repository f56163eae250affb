import { rmSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DEFAULT_DUCKDB_MEMORY_LIMIT, DEFAULT_DUCKDB_THREADS, type DuckDbSettings } from '../config/duckdb-settings.js';
import { readFeedMetadata, type FeedMetadata } from './feed-metadata.js';
import { feedViewStatements } from './feed-views.js';
import { metadataPath, stagingRoot, tableGlob } from './lake-paths.js';
import { readVersion, type ReadVersionOptions, type VersionRows } from './read-version.js';
import { streamPartitions, type PartitionSummary } from './stream-partitions.js';
import { sweepStaging } from './sweep-staging.js';
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
   * Opens the lake; staging left by a worker killed more than `staleStagingMs` ago is removed. DuckDB
   * gets a memory cap, a thread count and a spill directory, so no export needs more memory than that.
   */
  static async open(root: string, opts: { staleStagingMs?: number; duckdb?: DuckDbSettings } = {}): Promise<Lake> {
    const absolute = resolve(root);
    await mkdir(absolute, { recursive: true });
    await sweepStaging(stagingRoot(absolute), opts.staleStagingMs ?? STALE_STAGING_MS);
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

  /** One version of a table feed: its columns, and its rows in batches, streamed. */
  readVersion(feedId: string, version: number, opts?: ReadVersionOptions): Promise<VersionRows> {
    return readVersion(this.duckdb, tableGlob(this.root, feedId, version), opts);
  }

  /**
   * Runs DuckDB SQL over views named after the feeds (`SELECT … FROM transaction_stream`): streams
   * over all their date partitions, with a `date` column; tables on their latest version. Returns
   * the rows as JSON-safe objects.
   */
  async query(sql: string): Promise<Record<string, unknown>[]> {
    const connection = await this.duckdb.connect();
    try {
      // TEMP views belong to this connection: concurrent queries never see each other's.
      for (const statement of await feedViewStatements(this.root)) await connection.run(statement);
      return (await connection.runAndReadAll(sql)).getRowObjectsJson();
    } finally {
      connection.closeSync();
    }
  }

  close(): void {
    this.duckdb.closeSync();
    if (this.ownTempDir) rmSync(this.ownTempDir, { recursive: true, force: true });
  }
}
