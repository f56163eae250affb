import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { withFileLock } from './file-lock.js';
import { checkedStream, describeFile } from './checked-stream.js';
import { ObjectChecksumError, ObjectNotFoundError } from './errors.js';
import { checkKey, checkPrefix } from './object-keys.js';
import type { CasOutcome, CasUpdate, ExpectedContent, ObjectHead, ObjectInfo, ObjectStore, PutOptions } from './object-store.js';

/**
 * The lake in a local folder (one machine, or a shared mount). Objects are files under the root;
 * every write lands in a dot-named temp file beside its target and is renamed into place, and a
 * compare-and-swap holds the key's lock file, so readers and other writers never see half a file.
 */
export class LocalObjectStore implements ObjectStore {
  readonly location: string;

  constructor(root: string) {
    this.location = resolve(root);
  }

  async put(key: string, source: string | Readable, expect: ExpectedContent, opts: PutOptions = {}): Promise<ObjectHead> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    if (typeof source === 'string' && opts.consumeSource) {
      const found = await describeFile(source);
      if (found.size !== expect.size || found.sha256 !== expect.sha256.toLowerCase()) {
        throw new ObjectChecksumError(`${key}: ${source} is ${found.size} bytes with SHA-256 ${found.sha256}, expected ${expect.size} bytes with ${expect.sha256}; nothing was stored`);
      }
      await rename(source, target).catch(async (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EXDEV') throw err;
        await this.writeAtomically(target, createReadStream(source), expect, key); // another file system
      });
    } else {
      await this.writeAtomically(target, typeof source === 'string' ? createReadStream(source) : source, expect, key);
    }
    return { ...(await this.info(key)), sha256: expect.sha256.toLowerCase() };
  }

  async get(key: string): Promise<Readable> {
    await this.info(key); // ObjectNotFoundError before a stream is handed out
    return createReadStream(this.path(key));
  }

  async getToFile(key: string, localPath: string): Promise<ObjectHead> {
    const head = await this.info(key);
    await mkdir(dirname(localPath), { recursive: true });
    const temp = tempBeside(localPath);
    try {
      await copyFile(this.path(key), temp);
      await rename(temp, localPath);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    return { ...head, sha256: null };
  }

  async head(key: string): Promise<ObjectHead | null> {
    try {
      return { ...(await this.info(key)), sha256: null };
    } catch (err) {
      if (err instanceof ObjectNotFoundError) return null;
      throw err;
    }
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    checkPrefix(prefix);
    const cut = prefix.lastIndexOf('/');
    const base = cut < 0 ? '' : prefix.slice(0, cut + 1);
    const keys = (await this.walk(base)).filter((key) => key.startsWith(prefix)).sort();
    for (const key of keys) {
      const info = await this.info(key).catch((err: unknown) => (err instanceof ObjectNotFoundError ? null : Promise.reject(err)));
      if (info) yield info; // deleted since the walk: gone, as on S3
    }
  }

  /** Also removes folders left empty, up to the root: as on S3, a folder lasts while it holds objects. */
  async delete(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      await rm(this.path(key), { force: true });
      for (let dir = dirname(this.path(key)); dir.startsWith(`${this.location}${sep}`); dir = dirname(dir)) {
        if (!(await rmdir(dir).then(() => true, () => false))) break; // not empty (or gone): stop
      }
    }
  }

  async compareAndSwap<R>(key: string, update: CasUpdate<R>): Promise<CasOutcome<R>> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    // The lock serialises writers, so the update never runs twice: no retries on a local disk.
    return withFileLock(join(dirname(target), `.${basename(target)}.lock`), async () => {
      const current = await readFile(target, 'utf8').catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? null : Promise.reject(err)));
      const { next, result } = await update(current);
      if (next === null) return { result, retries: 0 };
      const temp = tempBeside(target);
      await writeFile(temp, next);
      await rename(temp, target);
      return { result, retries: 0 };
    });
  }

  localPath(key: string): string {
    return this.path(key);
  }

  close(): void {
    // nothing held between calls
  }

  private path(key: string): string {
    return join(this.location, ...checkKey(key).split('/'));
  }

  private async info(key: string): Promise<ObjectInfo> {
    try {
      const found = await stat(this.path(key));
      if (found.isFile()) return { key, size: found.size, modifiedAt: found.mtime };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    throw new ObjectNotFoundError(`${key}: no such object in ${this.location}`);
  }

  private async writeAtomically(target: string, source: Readable, expect: ExpectedContent, key: string): Promise<void> {
    const temp = tempBeside(target);
    try {
      await pipeline(source, checkedStream(expect, key), createWriteStream(temp));
      await rename(temp, target);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }

  /** Keys of the files under the key folder `base` ('' or ending in `/`), skipping the store's dot files. */
  private async walk(base: string): Promise<string[]> {
    let entries;
    try {
      entries = await readdir(join(this.location, ...base.split('/').filter(Boolean)), { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
      throw err;
    }
    const keys: string[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) keys.push(...(await this.walk(`${base}${entry.name}/`)));
      else if (entry.isFile()) keys.push(`${base}${entry.name}`);
    }
    return keys;
  }
}

function tempBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
}
