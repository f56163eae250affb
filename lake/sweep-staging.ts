import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Removes private staging directories that a killed worker left behind. Only old ones: a directory
 * younger than `olderThanMs` may belong to an export still running on another worker.
 */
export async function sweepStaging(stagingDir: string, olderThanMs: number, now = Date.now()): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(stagingDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const path = join(stagingDir, entry);
    const info = await stat(path).catch(() => null);
    if (info && now - info.mtimeMs > olderThanMs) {
      await rm(path, { recursive: true, force: true });
      removed.push(entry);
    }
  }
  return removed;
}
