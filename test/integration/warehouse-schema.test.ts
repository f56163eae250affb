import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Warehouse } from '../../warehouse/warehouse.js';
import { withPrivateMariaDb } from '../helpers/private-mariadb.js';
import { REPO_ROOT } from '../helpers/services.js';
import { withTestWarehouse } from '../helpers/test-warehouse.js';

const SQL = join(REPO_ROOT, 'sql');

/** The star schema as information_schema describes it, in a form two databases can be compared by. */
async function describeSchema(warehouse: Warehouse) {
  const db = [warehouse.database];
  const tables = await warehouse.query("SELECT TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY 1", db);
  const foreignKeys = await warehouse.query(
    `SELECT k.TABLE_NAME AS tbl, k.COLUMN_NAME AS col, k.REFERENCED_TABLE_NAME AS ref, k.REFERENCED_COLUMN_NAME AS ref_col, r.DELETE_RULE AS on_delete
       FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r
         ON r.CONSTRAINT_SCHEMA = k.TABLE_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
      WHERE k.TABLE_SCHEMA = ? ORDER BY 1, 2`, db);
  const indexes = await warehouse.query(
    `SELECT TABLE_NAME AS tbl, INDEX_NAME AS idx, NON_UNIQUE AS non_unique, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) AS cols
       FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? GROUP BY 1, 2, 3 ORDER BY 1, 2`, db);
  const columns = await warehouse.query('SELECT TABLE_NAME AS tbl, COLUMN_NAME AS col, COLUMN_TYPE AS type, IS_NULLABLE AS nullable FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY 1, ORDINAL_POSITION', db);
  return { tables, foreignKeys, indexes, columns };
}

function expectSeedSchema(schema: Awaited<ReturnType<typeof describeSchema>>) {
  const base = schema.tables.filter((t) => t.type === 'BASE TABLE').map((t) => t.name);
  expect(base).toEqual(expect.arrayContaining(['dim_users', 'dim_payment_methods', 'fact_user_transaction_summary', 'fact_user_transaction_summary_eur', 'fact_payment_method_totals', 'fact_product_purchase_counts']));
  expect(schema.tables.filter((t) => t.type === 'VIEW').map((t) => t.name)).toHaveLength(4);
  expect(schema.foreignKeys).toEqual([
    { tbl: 'fact_payment_method_totals', col: 'payment_method_id', ref: 'dim_payment_methods', ref_col: 'payment_method_id', on_delete: 'CASCADE' },
    { tbl: 'fact_user_transaction_summary', col: 'user_id', ref: 'dim_users', ref_col: 'user_id', on_delete: 'CASCADE' },
    { tbl: 'fact_user_transaction_summary_eur', col: 'user_id', ref: 'dim_users', ref_col: 'user_id', on_delete: 'CASCADE' },
  ]);
  const index = (tbl: string, cols: string) => schema.indexes.find((i) => i.tbl === tbl && i.cols === cols);
  expect(index('dim_payment_methods', 'payment_method_id')).toMatchObject({ idx: 'PRIMARY' });
  expect(index('dim_payment_methods', 'payment_method')).toMatchObject({ non_unique: '0' });
  for (const [fact, pk, key, fk] of [
    ['fact_user_transaction_summary', 'summary_id', 'user_id', 'user_id'],
    ['fact_user_transaction_summary_eur', 'summary_eur_id', 'user_id', 'user_id'],
    ['fact_payment_method_totals', 'payment_total_id', 'payment_method_id', 'payment_method_id'],
    ['fact_product_purchase_counts', 'product_count_id', 'product_id', 'product_id'],
  ] as const) {
    expect(index(fact, pk)).toMatchObject({ idx: 'PRIMARY' });
    // unique per version and natural key; its leftmost column is the index on snapshot_version
    expect(index(fact, `snapshot_version,${key}`)).toMatchObject({ non_unique: '0' });
    expect(index(fact, fk)).toMatchObject({ non_unique: '1' });
  }
}

describe('warehouse schema', () => {
  it('warehouse init builds the star schema in the database named in the URL', async () => {
    await withTestWarehouse('init', async (warehouse) => expectSeedSchema(await describeSchema(warehouse)));
  });

  it('the by-hand scripts (mariadb < sql/0N_….sql, in order) build the same schema in data_warehouse', async () => {
    const byInit = await withTestWarehouse('same', (warehouse) => describeSchema(warehouse));
    await withPrivateMariaDb(async (port) => {
      for (const file of readdirSync(SQL).filter((f) => /^0[1-3]_.*\.sql$/.test(f)).sort()) {
        const run = spawnSync('mariadb', ['-uroot', '-h127.0.0.1', `-P${port}`], { input: readFileSync(join(SQL, file)), encoding: 'utf8' });
        expect([file, run.status, run.stderr]).toEqual([file, 0, '']);
      }
      const queries = spawnSync('mariadb', ['-uroot', '-h127.0.0.1', `-P${port}`], { input: readFileSync(join(SQL, '04_sample_queries.sql')), encoding: 'utf8' });
      expect([queries.status, queries.stderr]).toEqual([0, '']); // empty tables: every query runs, none fails
      const warehouse = Warehouse.connect(`mysql://root@127.0.0.1:${port}/data_warehouse`);
      try {
        const byHand = await describeSchema(warehouse);
        expectSeedSchema(byHand);
        expect(byHand).toEqual(byInit);
      } finally {
        await warehouse.close();
      }
    });
  });
});
