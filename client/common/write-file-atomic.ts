import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes a small local file whole or not at all: a temporary name beside it, then a rename, so a
 * reader sees the old content or the new, never half. (The lake's own objects go through its
 * object store, which does the same for a folder.)
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;
  await writeFile(temp, content);
  await rename(temp, path);
}
