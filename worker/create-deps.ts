import type { Env } from '../config/env.js';
import { loadFeeds } from '../config/load-feeds.js';
import { KsqlDbClient } from '../ksqldb/ksqldb-client.js';
import { Lake } from '../lake/lake.js';
import { Warehouse } from '../warehouse/warehouse.js';
import type { ActivityDeps } from '../activities/index.js';

/** The ksqlDB client the environment describes (the worker's and the command line's). */
export function createKsqlClient(env: Env): KsqlDbClient {
  return new KsqlDbClient({
    url: env.KSQLDB_URL,
    auth: env.KSQLDB_USERNAME ? { username: env.KSQLDB_USERNAME, password: env.KSQLDB_PASSWORD ?? '' } : undefined,
    tls: env.KSQLDB_CA_FILE || env.KSQLDB_CERT_FILE
      ? { caFile: env.KSQLDB_CA_FILE, certFile: env.KSQLDB_CERT_FILE, keyFile: env.KSQLDB_KEY_FILE }
      : undefined,
  });
}

/** Builds each client once per worker process; `close` releases them on shutdown. */
export async function createDeps(env: Env): Promise<ActivityDeps & { close(): Promise<void> }> {
  const feeds = await loadFeeds(env.FEEDS_DIR);
  const ksql = createKsqlClient(env);
  const lake = await Lake.open(env.LAKE_DIR, {
    duckdb: { memoryLimit: env.DUCKDB_MEMORY_LIMIT, threads: env.DUCKDB_THREADS, tempDirectory: env.DUCKDB_TEMP_DIR },
  });
  const warehouse = Warehouse.connect(env.MYSQL_URL);
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
