import { open, stat, unlink } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * An exclusive lock file (`wx` create) around a feed's metadata read-modify-write, so parallel runs
 * of one feed (a backfill next to the schedule) never lose each other's entries. A lock older than
 * `staleMs` was left by a killed process and is broken.
 */
export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>, opts = { timeoutMs: 60_000, staleMs: 120_000 }): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      await breakIfStale(lockPath, opts.staleMs);
      if (Date.now() > deadline) throw new Error(`timed out waiting for lock ${lockPath}`);
      await sleep(25 + Math.random() * 50);
    }
  }
  try {
    return await fn();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}

async function breakIfStale(lockPath: string, staleMs: number): Promise<void> {
  try {
    const info = await stat(lockPath);
    if (Date.now() - info.mtimeMs > staleMs) await unlink(lockPath);
  } catch {
    // gone already: the next attempt takes it
  }
}
