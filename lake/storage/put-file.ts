import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describeFile } from './checked-stream.js';
import type { ObjectHead, ObjectStore } from './object-store.js';

/**
 * Stores a staged local file under `key`, checked against the size and SHA-256 measured here; the
 * staging file is the store's to take (a local store renames it into place, as the lake always
 * published). Resolves once the stored object is verified.
 */
export async function putFile(store: ObjectStore, key: string, stagedFile: string): Promise<ObjectHead & { sha256: string }> {
  const expect = await describeFile(stagedFile);
  const head = await store.put(key, stagedFile, expect, { consumeSource: true });
  return { ...head, sha256: expect.sha256 };
}

/** Stores a small text object whole (a run record, a probe): one put, checked like every other. */
export async function putText(store: ObjectStore, key: string, text: string): Promise<ObjectHead> {
  const body = Buffer.from(text, 'utf8');
  return store.put(key, Readable.from([body]), { size: body.length, sha256: createHash('sha256').update(body).digest('hex') });
}
