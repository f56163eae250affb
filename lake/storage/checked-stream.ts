import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ObjectChecksumError } from './errors.js';
import type { ExpectedContent } from './object-store.js';

/**
 * Passes bytes through while counting and hashing them, and fails the stream when they are not
 * what `expect` says. It holds back the latest chunk until it has seen the next one (or the end),
 * so a consumer never receives the last byte of a bad stream: an upload whose body errors before
 * its end is never completed by the server, and a local temp file is never renamed into place.
 */
export function checkedStream(expect: ExpectedContent, what: string): Transform {
  const hash = createHash('sha256');
  let size = 0;
  let held: Buffer | undefined;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      hash.update(chunk);
      size += chunk.length;
      if (size > expect.size) return callback(mismatch(what, `more than the expected ${expect.size} bytes`));
      const previous = held;
      held = chunk;
      callback(null, previous);
    },
    flush(callback: TransformCallback) {
      if (size !== expect.size) return callback(mismatch(what, `${size} bytes, expected ${expect.size}`));
      const sha256 = hash.digest('hex');
      if (sha256 !== expect.sha256.toLowerCase()) return callback(mismatch(what, `SHA-256 ${sha256}, expected ${expect.sha256}`));
      callback(null, held);
    },
  });
}

function mismatch(what: string, detail: string): ObjectChecksumError {
  return new ObjectChecksumError(`${what}: the bytes are not the expected ones (${detail}); nothing was stored`);
}

/** Size and SHA-256 of a local file, the `expect` of a put (one read of the file). */
export async function describeFile(path: string): Promise<ExpectedContent> {
  const hash = createHash('sha256');
  let size = 0;
  await pipeline(createReadStream(path), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      hash.update(chunk);
      size += chunk.length;
    }
  });
  return { size, sha256: hash.digest('hex') };
}
