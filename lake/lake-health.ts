import { randomBytes } from 'node:crypto';
import { access, statfs, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DuckDBInstance } from '@duckdb/node-api';
import type { LakeStorage } from './lake-storage.js';
import { putText } from './put-file.js';

/** What `Lake.checkWritable` found: the lake's directory, or the nearest parent that exists. */
export interface WritableProbe {
  /** the directory a probe file was written to and removed from (the location, for a remote lake) */
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
 * A local lake that does not exist yet is probed in the nearest existing parent, which is where it
 * will be created; a remote lake gets a probe object under `_probe/`, put and deleted. Throws the
 * file system's or the store's error when the write or the removal fails.
 */
export async function probeWritable({ store, remote }: LakeStorage): Promise<WritableProbe> {
  const name = `ksql-etl-probe-${process.pid}-${randomBytes(4).toString('hex')}`;
  if (remote) {
    await putText(store, `_probe/${name}`, 'probe\n');
    await store.delete([`_probe/${name}`]);
    return { dir: store.location, lakeExists: true };
  }
  const root = store.location;
  const dir = await nearestExisting(root);
  const probe = join(dir, `.${name}`);
  await writeFile(probe, 'probe\n', { flag: 'wx' });
  await unlink(probe);
  return { dir, lakeExists: dir === root };
}

/**
 * Bytes free to an unprivileged writer where an export needs room: the lake's own file system for a
 * local lake (staging sits beside it), the staging folder's for a remote one.
 */
export async function freeBytes({ store, remote, stagingRoot }: LakeStorage): Promise<number> {
  const stats = await statfs(await nearestExisting(remote ? stagingRoot : store.location));
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
