import type { WorkerEnv } from '../config/env.js';
import { loadFeeds } from '../config/load-feeds.js';
import { Lake } from '../lake/index.js';
import type { ActivityDeps } from '../activities/index.js';
import { connectWarehouse } from '../wiring/connect-warehouse.js';
import { createKsqlClient } from '../wiring/create-ksql-client.js';

/** Builds each client once per worker process; `close` releases them on shutdown. */
export async function createDeps(env: WorkerEnv): Promise<ActivityDeps & { close(): Promise<void> }> {
  const feeds = await loadFeeds(env.FEEDS_DIR);
  const ksql = createKsqlClient(env);
  const lake = await Lake.fromEnv(env);
  const warehouse = connectWarehouse(env);
  return {
    feeds,
    ksql,
    lake,
    warehouse,
    async close() {
      lake.close();
      await ksql.close();
      await warehouse.close();
    },
  };
}
