import type { Settings } from '../../config/env.js';
import { getFeed, loadFeeds, type FeedRegistry } from '../../config/load-feeds.js';
import type { TableFeed } from '../../config/feed-schema.js';
import { Lake } from '../../lake/index.js';
import { Warehouse } from '../../warehouse/warehouse.js';
import { UsageError } from '../common/usage-error.js';

export interface Stores {
  feeds: FeedRegistry;
  lake: Lake;
  warehouse: Warehouse;
}

/** Opens the feeds, the lake and the warehouse for one command, and closes them whatever happens. */
export async function withStores<T>(env: Settings<'mysql' | 'lake' | 'feeds'>, fn: (stores: Stores) => Promise<T>): Promise<T> {
  const feeds = await loadFeeds(env.FEEDS_DIR);
  const lake = await Lake.fromEnv(env);
  const warehouse = Warehouse.connect(env.MYSQL_URL);
  try {
    return await fn({ feeds, lake, warehouse });
  } finally {
    lake.close();
    await warehouse.close();
  }
}

/** The table feeds that load the warehouse: `feedId` alone, or all of them. */
export function warehouseFeeds(feeds: FeedRegistry, feedId?: string): TableFeed[] {
  const chosen = feedId ? [getFeed(feeds, feedId)] : [...feeds.values()];
  const loading = chosen.filter((f): f is TableFeed => f.kind === 'table' && f.warehouse !== undefined);
  if (feedId && loading.length === 0) throw new UsageError(`feed ${feedId} does not load the warehouse (no "warehouse" block in its feed file)`);
  return loading;
}
