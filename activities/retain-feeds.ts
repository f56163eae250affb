import type { Feed } from '../config/feed-schema.js';
import type { Lake, RetentionResult } from '../lake/index.js';
import { heldVersions } from '../warehouse/held-versions.js';
import type { Warehouse } from '../warehouse/warehouse.js';

export interface RetainFeedsOptions {
  nowMs: number;
  dryRun: boolean;
}

/**
 * Applies retention to each feed, one after the other. For a table feed loaded into the warehouse
 * it first asks the warehouse which versions it holds, and the lake keeps those: the lake itself
 * never talks to the warehouse. Shared by the retention activity and `ksql-etl retention`.
 */
export async function retainFeeds(lake: Lake, warehouse: Warehouse, feeds: readonly Feed[], opts: RetainFeedsOptions): Promise<RetentionResult[]> {
  const results: RetentionResult[] = [];
  for (const feed of feeds) {
    const held = feed.kind === 'table' && feed.warehouse ? (await heldVersions(warehouse, { ...feed, warehouse: feed.warehouse })).versions : [];
    results.push(await lake.applyRetention(feed, { nowMs: opts.nowMs, dryRun: opts.dryRun, protectedVersions: new Set(held) }));
  }
  return results;
}
