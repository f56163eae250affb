import type { Warehouse } from './warehouse.js';

export interface WarehouseVersions {
  /** every version of the feed with a receipt in etl_snapshot_loads, oldest first */
  versions: number[];
  /** the version the warehouse serves: the newest loaded one */
  current: number | null;
}

/**
 * The versions of a feed the warehouse holds, from its receipts: lake retention must not delete
 * them (the warehouse can be reloaded or verified only from a version the lake keeps).
 */
export async function heldVersions(warehouse: Warehouse, feedId: string): Promise<WarehouseVersions> {
  const rows = await warehouse.query<{ v: number }>('SELECT DISTINCT snapshot_version AS v FROM etl_snapshot_loads WHERE feed = ? ORDER BY 1', [feedId]);
  const versions = rows.map((r) => Number(r.v));
  return { versions, current: versions.at(-1) ?? null };
}
