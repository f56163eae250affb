import type { LakeSettings } from '../config/env.js';
import type { DuckDbSettings } from '../config/duckdb-settings.js';
import { s3Settings, type S3Settings } from '../config/s3-env.js';
import { parseLakeLocation } from './storage/lake-location.js';

/** How `Lake.open` reaches the lake and where it keeps its local files. */
export interface LakeOptions {
  /** how to reach S3; required for an `s3://` location, unused for a folder */
  s3?: S3Settings;
  /**
   * This process's staging folder, on its own disk: DuckDB writes there before anything is stored.
   * Default: `<lake>/_staging` for a lake in a folder (so storing a file is a rename), and
   * `<OS temp dir>/ksql-etl/staging` for an S3 lake.
   */
  stagingDir?: string;
  /** where an S3 lake's objects are copied to be read; default `<OS temp dir>/ksql-etl/cache/<bucket>/<prefix>` */
  cacheDir?: string;
  /** staging older than this was left by a killed worker and is removed at open (default a day) */
  staleStagingMs?: number;
  /** create nothing and remove nothing, for health checks that must change nothing */
  inspectOnly?: boolean;
  /** DuckDB's memory cap, threads and spill folder */
  duckdb?: DuckDbSettings;
}

/** The options a process edge (worker, command line) opens `LAKE_DIR` with, from the lake's settings. */
export function lakeOptions(env: LakeSettings): LakeOptions {
  return {
    // AWS variables are read only for an S3 lake, so a half-set pair cannot stop a local one.
    s3: parseLakeLocation(env.LAKE_DIR).kind === 's3' ? s3Settings(env) : undefined,
    stagingDir: env.LAKE_STAGING_DIR,
    cacheDir: env.LAKE_CACHE_DIR,
    duckdb: { memoryLimit: env.DUCKDB_MEMORY_LIMIT, threads: env.DUCKDB_THREADS, tempDirectory: env.DUCKDB_TEMP_DIR, concurrentWrites: env.DUCKDB_CONCURRENT_WRITES },
  };
}
