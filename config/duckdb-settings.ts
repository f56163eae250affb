import { z } from 'zod';

/**
 * DuckDB's memory cap when nothing says otherwise: a ceiling for what its buffer manager may hold
 * (sorts and big reads spill beyond it). A stream export's COPYs use far less (about 35 MB each,
 * README "Memory"); the cap matters for big snapshots and for several activities at once.
 */
// 128MB ran a single export in ~300 MB, but several activities of one worker share the instance, and
// concurrent COPYs then failed with "Out of Memory Error" (some operators cannot spill): 256MB fits
// the default 4 concurrent activities, at a higher peak.
export const DEFAULT_DUCKDB_MEMORY_LIMIT = '256MB';
/**
 * DuckDB's threads when nothing says otherwise. One: a worker's lake writes are many small COPYs
 * (one per slot part), and two of them side by side on one thread each (DEFAULT_DUCKDB_CONCURRENT_WRITES)
 * write as fast as one on two threads while holding ~30 MB less: each thread of a COPY keeps its own
 * read buffer and row group. Raise it for big interactive queries (`ksql-etl query`) or big snapshots.
 */
export const DEFAULT_DUCKDB_THREADS = 1;
/**
 * Lake writes (one slot part's or one snapshot's COPY) DuckDB runs at once when nothing says
 * otherwise: the cores of a small worker host. A stream write hands its slot parts to this many
 * lanes, and the activities of a worker share them, so memory does not grow with the worker's
 * concurrency. (Four concurrent COPYs of 200,000-row slots once ran out of the cap; row groups are
 * now small, see lake/encoding/duckdb-sql.ts, and four at once still do: test/integration/lake-write-memory.test.ts.)
 */
export const DEFAULT_DUCKDB_CONCURRENT_WRITES = 2;

/** A size as DuckDB's `memory_limit` takes it: `256MB`, `1GiB`, `512 MB`. */
export const duckDbMemorySchema = z.string().regex(/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, 'expected a size like 256MB or 1GiB');

/** How the lake's one DuckDB instance may use the machine. */
export interface DuckDbSettings {
  /** cap on DuckDB's buffer memory; sorts and large reads spill to `tempDirectory` beyond it */
  memoryLimit?: string;
  threads?: number;
  /** lake writes DuckDB runs at once in this process; the others wait their turn (default 2) */
  concurrentWrites?: number;
  /** where DuckDB spills; default: a private directory under the OS temp dir, removed on close */
  tempDirectory?: string;
}
