import { escapeId } from 'mysql2';
import type { TableFeed } from '../config/feed-schema.js';
import { loadedVersions } from './verify-snapshots.js';
import type { Warehouse } from './warehouse.js';

export interface PrunedFeed {
  feed: string;
  table: string;
  versions: number[];
}

export interface PruneResult {
  feeds: PrunedFeed[];
  /** dimension members no fact refers to any more, removed */
  members: number;
}

/**
 * Removes each feed's fact versions beyond the latest `keep` loaded ones, never the current one,
 * and turns their receipts into `pruned` (so the version could be loaded again). Dimension members
 * stay while any fact refers to them; the others go.
 */
export async function pruneVersions(warehouse: Warehouse, feeds: readonly TableFeed[], keep: number): Promise<PruneResult> {
  if (!Number.isInteger(keep) || keep < 1) throw new Error(`--keep must be a whole number ≥ 1 (got ${keep})`);
  const results: PrunedFeed[] = [];
  for (const feed of feeds) {
    const fact = feed.warehouse?.fact;
    if (!fact) continue;
    const versions = await loadedVersions(warehouse, feed.id);
    const [current] = await warehouse.query<{ v: number }>('SELECT snapshot_version AS v FROM etl_current_versions WHERE fact_table = ?', [fact]);
    const kept = new Set(versions.slice(-keep));
    const doomed = versions.filter((v) => !kept.has(v) && v !== Number(current?.v));
    await warehouse.withTransaction(async (tx) => {
      for (const version of doomed) {
        await tx.query(`DELETE FROM ${escapeId(fact)} WHERE snapshot_version = ?`, [version]);
        await tx.query("UPDATE etl_snapshot_loads SET status = 'pruned' WHERE feed = ? AND snapshot_version = ? AND status = 'loaded'", [feed.id, version]);
      }
    });
    results.push({ feed: feed.id, table: fact, versions: doomed });
  }
  const members = await pruneOrphanMembers(warehouse, [...new Set(feeds.flatMap((f) => f.warehouse?.dimensions.map((d) => d.table) ?? []))]);
  return { feeds: results, members };
}

/** Deletes the members of each dimension that no fact table (per the foreign keys) refers to. */
async function pruneOrphanMembers(warehouse: Warehouse, dimensions: string[]): Promise<number> {
  let removed = 0;
  for (const dimension of dimensions) {
    const refs = await warehouse.query<{ t: string; c: string; rc: string }>(
      'SELECT TABLE_NAME AS t, COLUMN_NAME AS c, REFERENCED_COLUMN_NAME AS rc FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ? AND REFERENCED_TABLE_NAME = ?',
      [warehouse.database, dimension],
    );
    if (refs.length === 0) continue;
    const unused = refs.map((r) => `NOT EXISTS (SELECT 1 FROM ${escapeId(r.t)} f WHERE f.${escapeId(r.c)} = d.${escapeId(r.rc)})`).join(' AND ');
    const result = (await warehouse.query(`DELETE d FROM ${escapeId(dimension)} d WHERE ${unused}`)) as unknown as { affectedRows: number };
    removed += result.affectedRows;
  }
  return removed;
}
