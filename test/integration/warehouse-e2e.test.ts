import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsOf } from '../../client/common/cli-deps.js';
import { buildProgram } from '../../client/program.js';
import { runExport } from '../../client/run/run-export.js';
import type { TableFeed } from '../../config/feed-schema.js';
import { getFeed } from '../../config/load-feeds.js';
import { setCurrentVersion } from '../../warehouse/current-version.js';
import { parseMysqlUrl } from '../../warehouse/mysql-url.js';
import { readSqlScript } from '../../warehouse/sql-script.js';
import { startHarness, type Harness } from '../helpers/etl-harness.js';
import { REPO_ROOT } from '../helpers/services.js';

const TABLE_FEEDS = ['user_transaction_summary', 'user_transaction_summary_eur', 'payment_method_totals', 'product_purchase_counts'];
let h: Harness;
const versions = new Map<string, number[]>();

beforeAll(async () => {
  h = await startHarness({ name: 'wh_e2e', dataset: { seed: 5, start: '2026-10-01T00:00:00Z', days: 1, rowsPerDay: 1500 } });
});
afterAll(() => h?.stop());

const feed = (id: string) => getFeed(h.deps.feeds, id) as TableFeed;
const q = <T = Record<string, unknown>>(sql: string, values: unknown[] = []) => h.deps.warehouse.query<T>(sql, values);
async function exportFeed(id: string) {
  const outcome = await runExport(h.client, h.env, feed(id), { taskQueue: h.taskQueue });
  versions.set(id, [...(versions.get(id) ?? []), outcome.version!]);
  return outcome;
}
/** Runs the CLI in-process; returns its output lines, or the error it would exit with. */
async function cli(...args: string[]): Promise<{ out: string[]; error?: Error }> {
  const out: string[] = [];
  try {
    await buildProgram({ settings: settingsOf(h.env), processEnv: {}, out: (l) => out.push(l), note: () => {} }).exitOverride().parseAsync(args, { from: 'user' });
    return { out };
  } catch (error) {
    return { out, error: error as Error };
  }
}

describe('warehouse, end to end through Temporal', () => {
  it('loads two versions of all 4 table feeds; a MySQL connection killed mid-load is retried and lands one copy', async () => {
    for (const id of TABLE_FEEDS) expect((await exportFeed(id)).warehouseRows).toBeGreaterThan(0);
    for (const id of TABLE_FEEDS.slice(1)) await exportFeed(id);

    // Hold the fact's current-version row so the next load blocks inside its transaction, after its
    // facts went in; then kill that connection from here, as a crashed network would.
    const blocker = await mysql.createConnection({ ...parseMysqlUrl(h.env.MYSQL_URL).options, database: h.deps.warehouse.database });
    await blocker.beginTransaction();
    await blocker.query("SELECT * FROM etl_current_versions WHERE fact_table = 'fact_user_transaction_summary' FOR UPDATE");
    const running = exportFeed('user_transaction_summary');
    let victim: number | undefined;
    for (let i = 0; i < 300 && victim === undefined; i++) {
      // Only this suite's database: other suites may be loading on the same server.
      const [rows] = await blocker.query("SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = ? AND INFO LIKE 'INSERT INTO etl_current_versions%'", [h.deps.warehouse.database]);
      victim = (rows as Array<{ id: number }>)[0]?.id;
      if (victim === undefined) await sleep(100);
    }
    expect(victim).toBeDefined();
    await blocker.query(`KILL CONNECTION ${Number(victim)}`);
    await blocker.rollback();
    await blocker.end();
    const outcome = await running;
    const [v1, v2] = versions.get('user_transaction_summary')!;
    expect(outcome.warehouseRows).toBe(outcome.rows);
    expect(await q('SELECT snapshot_version AS v, COUNT(*) AS n FROM fact_user_transaction_summary GROUP BY 1 ORDER BY 1')).toEqual([
      { v: v1, n: String(outcome.rows) }, { v: v2, n: String(outcome.rows) },
    ]);
    const log = await q<{ status: string; error: string | null }>("SELECT status, error FROM etl_snapshot_loads WHERE feed = 'user_transaction_summary' AND snapshot_version = ? ORDER BY load_id", [v2]);
    expect(log.map((l) => l.status)).toEqual(['failed', 'loaded']);
    expect(log[0]!.error).toMatch(/WarehouseUnavailableError: .*version \d+, table fact_user_transaction_summary/);
  });

  it('gives each fact column the type of its lake column (a surrogate id for payment_method)', async () => {
    const mysqlType: Record<string, string> = { VARCHAR: 'varchar', BIGINT: 'bigint', INTEGER: 'int', DOUBLE: 'double' };
    for (const id of TABLE_FEEDS) {
      const { fact } = feed(id).warehouse!;
      const lake = await h.deps.lake.describeVersion(id, versions.get(id)![0]!);
      const columns = await q<{ c: string; t: string }>('SELECT COLUMN_NAME AS c, DATA_TYPE AS t FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?', [h.deps.warehouse.database, fact]);
      const types = new Map(columns.map((r) => [r.c, r.t]));
      for (const column of lake) {
        const expected = column.name === 'payment_method' ? ['payment_method_id', 'int'] : [column.name, mysqlType[column.type]];
        expect([id, expected[0], types.get(expected[0]!)]).toEqual([id, ...expected]);
      }
    }
  });

  it('answers every question of sql/04_sample_queries.sql with rows', async () => {
    const statements = (await readSqlScript(join(REPO_ROOT, 'sql', '04_sample_queries.sql'))).flatMap((s) => (s.kind === 'statement' ? [s.sql] : []));
    expect(statements.length).toBeGreaterThanOrEqual(8);
    for (const sql of statements) expect([sql.slice(0, 80), (await q(sql)).length > 0]).toEqual([sql.slice(0, 80), true]);
  });

  it('verify passes after the loads, and names table, version and measure after a value is altered by hand', async () => {
    const ok = await cli('warehouse', 'verify');
    expect(ok.error).toBeUndefined();
    expect(ok.out.join('\n')).toMatch(/^8 version\(s\) verified/);
    const v = versions.get('payment_method_totals')![1]!;
    await q("UPDATE fact_payment_method_totals SET total_amount = total_amount + 1 WHERE snapshot_version = ? ORDER BY payment_total_id LIMIT 1", [v]);
    const bad = await cli('warehouse', 'verify', 'payment_method_totals', '--json');
    expect(bad.error?.name).toBe('WarehouseMismatchError');
    expect(bad.error?.message).toMatch(new RegExp(`payment_method_totals\\s+${v}\\s+fact_payment_method_totals\\s+sum\\(total_amount\\)`));
    expect(bad.error?.message).toMatch(new RegExp(`payment_method_totals\\s+${v}\\s+fact_payment_method_totals\\s+checksum`));
    const checks = JSON.parse(bad.out.join('\n')) as Array<{ version: number; measure: string; equal: boolean }>;
    expect(checks.filter((c) => !c.equal).map((c) => [c.version, c.measure])).toEqual([[v, 'sum(total_amount)'], [v, 'checksum']]);
    await q('UPDATE fact_payment_method_totals SET total_amount = total_amount - 1 WHERE snapshot_version = ? ORDER BY payment_total_id LIMIT 1', [v]);
    expect((await cli('warehouse', 'verify', 'payment_method_totals')).error).toBeUndefined();
  });

  it('loading a loaded version again by hand changes nothing', async () => {
    const before = await q('SELECT COUNT(*) AS n, MAX(summary_eur_id) AS m FROM fact_user_transaction_summary_eur');
    const again = await cli('warehouse', 'load', 'user_transaction_summary_eur');
    expect(again.out).toEqual([expect.stringMatching(/version \d+: \d+ rows already in fact_user_transaction_summary_eur/)]);
    expect(await q('SELECT COUNT(*) AS n, MAX(summary_eur_id) AS m FROM fact_user_transaction_summary_eur')).toEqual(before);
  });

  it('setCurrentVersion moves the _current views, and refuses a version that is not loaded', async () => {
    const [v1, v2] = versions.get('product_purchase_counts')!;
    const shown = () => q('SELECT DISTINCT snapshot_version AS v FROM fact_product_purchase_counts_current');
    expect(await shown()).toEqual([{ v: v2 }]);
    await setCurrentVersion(h.deps.warehouse, feed('product_purchase_counts'), v1!);
    expect(await shown()).toEqual([{ v: v1 }]);
    await expect(setCurrentVersion(h.deps.warehouse, feed('product_purchase_counts'), 999)).rejects.toThrow(/feed product_purchase_counts, version 999, table fact_product_purchase_counts/);
    expect(await shown()).toEqual([{ v: v1 }]);
  });

  it('prune --keep 1 removes older versions but never the current one, and keeps referenced members', async () => {
    const users = await q('SELECT COUNT(*) AS n FROM dim_users');
    const result = await cli('warehouse', 'prune', '--keep', '1');
    expect(result.error).toBeUndefined();
    const [p1, p2] = versions.get('product_purchase_counts')!; // current is p1 (previous test)
    expect(await q('SELECT DISTINCT snapshot_version AS v FROM fact_product_purchase_counts ORDER BY 1')).toEqual([{ v: p1 }, { v: p2 }]);
    const [u1, u2] = versions.get('user_transaction_summary')!;
    expect(await q('SELECT DISTINCT snapshot_version AS v FROM fact_user_transaction_summary')).toEqual([{ v: u2 }]);
    expect(await q("SELECT status FROM etl_snapshot_loads WHERE feed = 'user_transaction_summary' AND snapshot_version = ? AND status <> 'failed'", [u1])).toEqual([{ status: 'pruned' }]);
    expect(await q('SELECT COUNT(*) AS n FROM dim_users')).toEqual(users);
  });

  it('deleting a dim_users row removes its facts in both user fact tables', async () => {
    const [{ user }] = (await q<{ user: string }>('SELECT e.user_id AS user FROM fact_user_transaction_summary_eur e JOIN fact_user_transaction_summary s USING (user_id) LIMIT 1')) as [{ user: string }];
    await q('DELETE FROM dim_users WHERE user_id = ?', [user]);
    for (const fact of ['fact_user_transaction_summary', 'fact_user_transaction_summary_eur']) {
      expect(await q(`SELECT COUNT(*) AS n FROM ${fact} WHERE user_id = ?`, [user])).toEqual([{ n: '0' }]);
    }
  });
});
