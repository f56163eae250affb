import type { FeedRegistry } from '../config/load-feeds.js';
import type { KsqlDbClient } from '../ksqldb/ksqldb-client.js';
import type { Lake } from '../lake/index.js';
import type { Warehouse } from '../warehouse/warehouse.js';

/** What the activities need, built once per worker process (worker/create-deps.ts). */
export interface ActivityDeps {
  feeds: FeedRegistry;
  ksql: KsqlDbClient;
  lake: Lake;
  warehouse: Warehouse;
}
