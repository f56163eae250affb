import { randomBytes } from 'node:crypto';
import { access, statfs, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DuckDBInstance } from '@duckdb/node-api';

/** What `Lake.checkWritable` found: the lake's directory, or the nearest parent that exists. */
export interface WritableProbe {
  /** the directory a probe file was written to and removed from */
  dir: string;
  /** false when the lake's directory does not exist yet (the first worker creates it) */
  lakeExists: boolean;
}

export interface EngineInfo {
  duckdbVersion: string;
  memoryLimit: string;
  threads: string;
}

/**
 * Writes a uniquely named probe file and removes it at once: the only write a health check makes.
 * A lake that does not exist yet is probed in the nearest existing parent, which is where it will
 * be created. Throws the file system's error when the write or the removal fails.
 */
export async function probeWritable(root: string): Promise<WritableProbe> {
  const dir = await nearestExisting(root);
  const probe = join(dir, `.ksql-etl-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  await writeFile(probe, 'probe\n', { flag: 'wx' });
  await unlink(probe);
  return { dir, lakeExists: dir === root };
}

/** Bytes free to an unprivileged writer on the lake's file system. */
export async function freeBytes(root: string): Promise<number> {
  const stats = await statfs(await nearestExisting(root));
  return stats.bavail * stats.bsize;
}

/** The DuckDB the lake writes with: its version and the limits a COPY runs under. */
export async function engineInfo(duckdb: DuckDBInstance): Promise<EngineInfo> {
  const connection = await duckdb.connect();
  try {
    const reader = await connection.runAndReadAll(
      "SELECT version() AS v, current_setting('memory_limit') AS m, current_setting('threads')::VARCHAR AS t",
    );
    const [row] = reader.getRowObjectsJson();
    return { duckdbVersion: String(row?.v), memoryLimit: String(row?.m), threads: String(row?.t) };
  } finally {
    connection.closeSync();
  }
}

async function nearestExisting(path: string): Promise<string> {
  for (let dir = path; ; dir = dirname(dir)) {
    try {
      await access(dir);
      return dir;
    } catch {
      if (dirname(dir) === dir) throw new Error(`no part of ${path} exists`);
    }
  }
}
