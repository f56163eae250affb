import type { PoolConnection } from 'mysql2/promise';
import type { WarehouseTarget } from '../config/feed-schema.js';
import { WarehouseDataError } from './errors.js';
import type { Warehouse } from './warehouse.js';

/**
 * Moves a fact's current version forward to `version` (never back: loading an old version again
 * must not undo a newer load), in the load's transaction.
 */
export async function advanceCurrentVersion(tx: PoolConnection, fact: string, feed: string, version: number): Promise<void> {
  await tx.query(
    'INSERT INTO etl_current_versions (fact_table, feed, snapshot_version) VALUES (?, ?, ?) ' +
      'ON DUPLICATE KEY UPDATE feed = VALUES(feed), snapshot_version = GREATEST(snapshot_version, VALUES(snapshot_version))',
    [fact, feed, version],
  );
}

/**
 * Makes `version` the fact's current version, forward or back (a lake rollback calls this), so the
 * `…_current` views show it. The version must be loaded: the views never show an empty version.
 */
export async function setCurrentVersion(warehouse: Warehouse, feed: { id: string; warehouse?: WarehouseTarget }, version: number): Promise<void> {
  const fact = feed.warehouse?.fact;
  if (!fact) throw new WarehouseDataError(`feed ${feed.id} has no warehouse target`);
  await warehouse.withTransaction(async (tx) => {
    const [loaded] = await tx.query(
      "SELECT 1 FROM etl_snapshot_loads WHERE feed = ? AND snapshot_version = ? AND status = 'loaded' LOCK IN SHARE MODE",
      [feed.id, version],
    );
    if ((loaded as unknown[]).length === 0) {
      throw new WarehouseDataError(`feed ${feed.id}, version ${version}, table ${fact}: the version is not loaded in ${warehouse.database}; load it first (ksql-etl warehouse load ${feed.id} --version ${version})`);
    }
    await tx.query(
      'INSERT INTO etl_current_versions (fact_table, feed, snapshot_version) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE feed = VALUES(feed), snapshot_version = VALUES(snapshot_version)',
      [fact, feed.id, version],
    );
  });
}

/** The version the fact serves now (`etl_current_versions`), or null before its first load. */
export async function currentLoadedVersion(warehouse: Warehouse, fact: string): Promise<number | null> {
  const [row] = await warehouse.query<{ v: number }>('SELECT snapshot_version AS v FROM etl_current_versions WHERE fact_table = ?', [fact]);
  return row ? Number(row.v) : null;
}
