import { createHash, randomUUID } from 'node:crypto';
import { rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { mapConcurrent } from '../common/concurrency-limit.js';
import type { ObjectStore } from './object-store.js';

/**
 * Where one lake process keeps things: the lake's objects in `store` (a local folder or a bucket),
 * and on its own disk the staging of its exports and the copies of remote objects it reads.
 */
export interface LakeStorage {
  store: ObjectStore;
  /** private staging folders of this process's exports (DuckDB's COPY output, the staged rows) */
  stagingRoot: string;
  /** local copies of remote objects a query or a warehouse load read; unused for a local store */
  cacheRoot: string;
  /** the store is not a local folder: readers fetch what they open, so they fetch as little as they can */
  remote: boolean;
}

/** An object a reader wants, as the metadata names it. */
export interface WantedObject {
  key: string;
  /** the SHA-256 the metadata recorded for it; null when it recorded none */
  sha256?: string | null;
}

/** Objects fetched at once into the cache: enough to hide S3's latency, few enough to be polite. */
const FETCH_CONCURRENCY = 8;

/**
 * Local paths DuckDB can open for `objects`, in the same order. A local store's files are opened in
 * place. A remote store's objects are downloaded once into the cache (`getToFile`, checked against
 * the SHA-256 stored with the object) and reused while the metadata names the same bytes: the cache
 * path carries the SHA-256, so a slot re-exported under its same key is fetched again. Every copy
 * keeps the key's folders (`date=…`, `version=…`), which DuckDB's hive partitioning reads.
 */
export async function localCopies(storage: LakeStorage, objects: readonly WantedObject[]): Promise<string[]> {
  return mapConcurrent(objects, FETCH_CONCURRENCY, (object) => localCopy(storage, object));
}

async function localCopy({ store, cacheRoot }: LakeStorage, { key, sha256 }: WantedObject): Promise<string> {
  const inPlace = store.localPath(key);
  if (inPlace !== null) return inPlace;
  const cut = key.lastIndexOf('/');
  const [dir, name] = [key.slice(0, cut), key.slice(cut + 1)];
  const cached = (tag: string) => join(cacheRoot, ...dir.split('/'), `${tag}-${name}`);
  if (sha256 && (await exists(cached(tag16(sha256))))) return cached(tag16(sha256));
  // Download beside the cache entries, then name the copy after the bytes actually stored: after a
  // failed export re-put a slot the metadata does not name yet, the key holds newer bytes.
  const temp = cached(`.fetch-${randomUUID()}`);
  try {
    const head = await store.getToFile(key, temp);
    const tag = head.sha256 ?? sha256 ?? createHash('sha256').update(`${head.size}:${head.modifiedAt.toISOString()}`).digest('hex');
    const path = cached(tag16(tag));
    await rename(temp, path);
    return path;
  } finally {
    await rm(temp, { force: true });
  }
}

/** 64 bits of the SHA-256 name a cache entry: enough to tell the versions of one key apart. */
function tag16(sha256: string): string {
  return sha256.slice(0, 16).toLowerCase();
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isFile() ?? false;
}
