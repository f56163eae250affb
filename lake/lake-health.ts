import { randomBytes } from 'node:crypto';
import { access, statfs, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DuckDBInstance } from '@duckdb/node-api';
import type { LakeStorage } from './storage/lake-storage.js';
import type { Readable } from 'node:stream';
import { putText } from './storage/put-file.js';
import type { ObjectStore } from './storage/object-store.js';

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
    await probeObjectStore(store, `_probe/${name}`);
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
 * Every kind of request an export makes, on one small object: put, read back, a conditional write
 * (create, then replace the version just read: what metadata commits need) and delete. The key is
 * deleted whatever fails, so a failed probe leaves nothing behind.
 */
async function probeObjectStore(store: ObjectStore, key: string): Promise<void> {
  const cas = `${key}.cas`;
  let failed = false;
  try {
    await putText(store, key, 'probe\n');
    const back = await text(await store.get(key));
    if (back !== 'probe\n') throw new Error(`${store.location}: the probe object ${key} read back as ${JSON.stringify(back.slice(0, 40))}, not what was written`);
    await store.compareAndSwap(cas, (current) => ({ next: current === null ? 'first\n' : null, result: null }));
    const { retries } = await store.compareAndSwap(cas, (current) => ({ next: current === 'first\n' ? 'second\n' : null, result: null }));
    if (retries > 0) throw new Error(`${store.location}: a conditional write of ${cas} lost to another writer, though nothing else writes that key`);
  } catch (err) {
    failed = true;
    throw err;
  } finally {
    // the delete is a step of the probe, unless an earlier step failed: then that failure is the news
    await store.delete([key, cas]).catch((err: unknown) => {
      if (!failed) throw err;
    });
  }
}

async function text(body: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
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
