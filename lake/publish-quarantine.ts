import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { StagedRows } from './stage-rows.js';

/**
 * Moves the rows set aside during staging to their place in `_quarantine/`, replacing what an
 * earlier export of the same range left; a clean re-export removes the old quarantine file.
 */
export async function publishQuarantine(staged: Pick<StagedRows, 'quarantined' | 'quarantineFile'>, target: string): Promise<string | null> {
  if (staged.quarantined === 0) {
    await rm(target, { force: true });
    return null;
  }
  await mkdir(dirname(target), { recursive: true });
  await rename(staged.quarantineFile, target);
  return target;
}
