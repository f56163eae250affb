import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Removes private staging directories that a killed worker left behind. Only old ones: a directory
 * younger than `olderThanMs` may belong to an export still running on another worker.
 */
export async function sweepStaging(stagingDir: string, olderThanMs: number, now = Date.now()): Promise<string[]> {
  const stale = await findStaleStaging(stagingDir, olderThanMs, now);
  for (const entry of stale) await rm(join(stagingDir, entry), { recursive: true, force: true });
  return stale;
}

/** The staging directories `sweepStaging` would remove, without removing them. */
export async function findStaleStaging(stagingDir: string, olderThanMs: number, now = Date.now()): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(stagingDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const stale: string[] = [];
  for (const entry of entries) {
    const info = await stat(join(stagingDir, entry)).catch(() => null);
    if (info && now - info.mtimeMs > olderThanMs) stale.push(entry);
  }
  return stale;
}
