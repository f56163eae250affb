import { LosslessNumber } from 'lossless-json';
import { tableFeedSchema } from '../config/feed-schema.js';
import { parseKsqlType } from '../ksqldb/ksql-type.js';
import { type Lake, type SourceRow, toLakeColumns } from '../lake/index.js';
import { applyWarehouseSchema } from '../warehouse/apply-schema.js';
import { loadDataLocal } from '../warehouse/load-data-local.js';
import type { SnapshotLoadInput } from '../warehouse/load-snapshot.js';
import { Warehouse } from '../warehouse/warehouse.js';

/** The bench's fact: user_transaction_summary, one row per user. */
export const BENCH_FEED = tableFeedSchema.parse({
  id: 'user_transaction_summary',
  kind: 'table',
  source: 'USER_TRANSACTION_SUMMARY',
  warehouse: { fact: 'fact_user_transaction_summary', dimensions: [{ table: 'dim_users', key: 'user_id' }] },
});
const COLUMNS = toLakeColumns(
  [['USER_ID', 'STRING'], ['TRANSACTION_COUNT', 'BIGINT'], ['TOTAL_AMOUNT', 'DOUBLE'], ['AVG_AMOUNT', 'DOUBLE'], ['MAX_AMOUNT', 'DOUBLE'], ['LAST_CURRENCY', 'STRING'], ['LAST_TRANSACTION_TS', 'BIGINT']]
    .map(([name, type]) => ({ name: name!, type: parseKsqlType(type!) })),
);

async function* summaryRows(users: number): AsyncGenerator<SourceRow> {
  const n = (v: number | string) => new LosslessNumber(String(v));
  for (let i = 0; i < users; i++) {
    const count = 1 + (i % 97);
    const total = (i % 10_000) * 1.37 + 0.25;
    yield { kind: 'row', values: [`user-${String(i).padStart(8, '0')}`, n(count), n(total), n(total / count), n(total / 2), i % 3 ? 'EUR' : 'USD', n(1764021600000 + i)] };
  }
}

/** Publishes one snapshot of `users` rows and returns what a load of it needs. */
export async function publishBenchVersion(lake: Lake, users: number): Promise<SnapshotLoadInput> {
  const s = await lake.writeTableSnapshot({ feed: BENCH_FEED, columns: COLUMNS, rows: summaryRows(users), runId: `bench-${users}` });
  return { feedId: BENCH_FEED.id, target: BENCH_FEED.warehouse!, version: s.version, lakeChecksum: s.checksum, expectedRows: s.rows };
}

/**
 * A fresh database with the schema and, as after any earlier snapshot, every user already in
 * dim_users: each timed load then starts from the same steady state.
 */
export async function benchDatabase(serverUrl: string, name: string, lake: Lake, input: SnapshotLoadInput): Promise<Warehouse> {
  const url = `${serverUrl}/${name}`;
  const sqlDir = new URL(import.meta.url.includes('/dist/') ? '../../sql/' : '../sql/', import.meta.url).pathname;
  await applyWarehouseSchema(url, sqlDir);
  const warehouse = Warehouse.connect(url);
  const keys = await lake.readVersionText(input.feedId, input.version, { columns: ['user_id'], format: 'mysql-csv' });
  await warehouse.withTransaction((tx) => loadDataLocal(tx, keys.stream, { table: 'dim_users', columns: ['user_id'], set: 'first_seen_version = 0' }));
  return warehouse;
}

/**
 * Writes the database's dirty pages to disk (`FLUSH TABLES … FOR EXPORT` does, for InnoDB), so a
 * timed load starts from a quiet buffer pool instead of paying for its own setup.
 */
export async function flushToDisk(warehouse: Warehouse): Promise<void> {
  const tables = await warehouse.query<{ t: string }>("SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'", [warehouse.database]);
  await warehouse.withTransaction(async (tx) => {
    await tx.query(`FLUSH TABLES ${tables.map((r) => `\`${r.t}\``).join(', ')} FOR EXPORT`);
    await tx.query('UNLOCK TABLES');
  });
}
