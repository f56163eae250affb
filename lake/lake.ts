import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { readFeedMetadata, type FeedMetadata } from './feed-metadata.js';
import { metadataPath, stagingRoot } from './lake-paths.js';
import { sweepStaging } from './sweep-staging.js';
import { writeStreamSlots, type StreamSlotsInput, type StreamSlotsResult } from './write-stream-slots.js';
import { writeTableSnapshot, type TableSnapshotInput, type TableSnapshotResult } from './write-table-snapshot.js';

/** No export runs longer than its activity's start-to-close timeout (1 h): a day-old staging dir is an orphan. */
const STALE_STAGING_MS = 24 * 3_600_000;

/** The lake on the local file system, with the one DuckDB instance a process uses to write it. */
export class Lake {
  private constructor(
    readonly root: string,
    readonly duckdb: DuckDBInstance,
  ) {}

  /** Opens the lake; staging left by a worker killed more than `staleStagingMs` ago is removed. */
  static async open(root: string, opts: { staleStagingMs?: number } = {}): Promise<Lake> {
    const absolute = resolve(root);
    await mkdir(absolute, { recursive: true });
    await sweepStaging(stagingRoot(absolute), opts.staleStagingMs ?? STALE_STAGING_MS);
    return new Lake(absolute, await DuckDBInstance.create(':memory:'));
  }

  writeStreamSlots(input: StreamSlotsInput): Promise<StreamSlotsResult> {
    return writeStreamSlots(this.root, this.duckdb, input);
  }

  writeTableSnapshot(input: TableSnapshotInput): Promise<TableSnapshotResult> {
    return writeTableSnapshot(this.root, this.duckdb, input);
  }

  /** Runs one DuckDB query (over the lake's files, say) and returns its rows as JSON-safe objects. */
  async query(sql: string): Promise<Record<string, unknown>[]> {
    const connection = await this.duckdb.connect();
    try {
      return (await connection.runAndReadAll(sql)).getRowObjectsJson();
    } finally {
      connection.closeSync();
    }
  }

  readMetadata(kind: 'stream' | 'table', feedId: string): Promise<FeedMetadata | null> {
    return readFeedMetadata(metadataPath(this.root, kind, feedId));
  }

  close(): void {
    this.duckdb.closeSync();
  }
}
