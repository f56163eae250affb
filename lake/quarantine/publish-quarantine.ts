import { putFile } from '../storage/put-file.js';
import type { StagedRows } from '../staging/stage-rows.js';
import type { ObjectStore } from '../storage/object-store.js';

/**
 * Stores the rows set aside during staging under `key` in `_quarantine/`, replacing what an
 * earlier export of the same range left; a clean re-export removes the old quarantine object.
 * Returns the key, or null when nothing was set aside.
 */
export async function publishQuarantine(store: ObjectStore, staged: Pick<StagedRows, 'quarantined' | 'quarantineFile'>, key: string): Promise<string | null> {
  if (staged.quarantined === 0) {
    await store.delete([key]);
    return null;
  }
  await putFile(store, key, staged.quarantineFile);
  return key;
}
