import type { TableFeed } from '../config/feed-schema.js';
import { currentLoadedVersion } from './current-version.js';
import { loadedVersions } from './verify-snapshots.js';
import type { Warehouse } from './warehouse.js';

export interface WarehouseVersions {
  /** every version of the feed loaded in the warehouse, oldest first */
  versions: number[];
  /** the version its `…_current` views show; null before the first load */
  current: number | null;
}

/**
 * The versions of a table feed the warehouse holds and the one it serves: lake retention must not
 * delete them (the warehouse is reloaded or verified only from a version the lake keeps), and the
 * status report shows them. The feed must have a warehouse target.
 */
export async function heldVersions(warehouse: Warehouse, feed: TableFeed & { warehouse: NonNullable<TableFeed['warehouse']> }): Promise<WarehouseVersions> {
  return { versions: await loadedVersions(warehouse, feed.id), current: await currentLoadedVersion(warehouse, feed.warehouse.fact) };
}
