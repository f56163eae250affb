import type { Feed } from '../../config/feed-schema.js';
import { type FeedFacts, type Lake, lakeStatus, type LakeStatus } from '../../lake/index.js';
import { heldVersions } from '../../warehouse/held-versions.js';
import type { Warehouse } from '../../warehouse/warehouse.js';

/** Run records shown per feed, besides the failures inside the range. */
const LATEST_RUNS = 10;

/**
 * Reads what the status needs, and nothing more: each feed's metadata and run log from the lake
 * (never a listing of data files), and for table feeds loaded into the warehouse, its versions.
 */
export async function collectStatus(lake: Lake, warehouse: Warehouse, feeds: readonly Feed[], range: { fromMs: number; toMs: number; nowMs: number }): Promise<LakeStatus> {
  const facts: FeedFacts[] = [];
  for (const feed of feeds) {
    facts.push({
      feed,
      metadata: await lake.describeFeed(feed.id),
      runs: await lake.runs(feed.id, { latest: LATEST_RUNS, failedSince: new Date(range.fromMs).toISOString() }),
      warehouse: feed.kind === 'table' && feed.warehouse ? await heldVersions(warehouse, { ...feed, warehouse: feed.warehouse }) : null,
    });
  }
  return lakeStatus({ ...range, feeds: facts });
}
