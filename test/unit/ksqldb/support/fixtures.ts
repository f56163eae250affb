import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../../../fixtures/ksqldb/', import.meta.url));

/** A recorded body, byte for byte (see test/fixtures/ksqldb/README.md). */
export function fixture(name: string): Buffer {
  return readFileSync(`${DIR}${name}`);
}

export function fixtureText(name: string): string {
  return fixture(name).toString('utf8');
}

/** Splits a body into chunks of `size` bytes (1 = one byte at a time). */
export function chunksOf(body: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let i = 0; i < body.length; i += size) chunks.push(body.subarray(i, i + size));
  return chunks;
}
