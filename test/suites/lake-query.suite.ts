import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Lake, LakeQueryError } from '../../lake/index.js';
import type { LakeStorageUnderTest, TestLake } from '../helpers/lake-storages.js';
import { writeSmallLake } from '../helpers/small-lake.js';

/** The query views through the Lake API on one storage (see lake-writers.suite.ts). */
export function lakeQuerySuite(storage: LakeStorageUnderTest): void {
  let testLake: TestLake;
  let lake: Lake;
  beforeAll(async () => {
    testLake = await storage.create();
    await writeSmallLake(testLake.location, testLake.options);
    lake = await testLake.open();
  });
  afterAll(async () => {
    lake.close();
    await testLake.dispose();
  });

  /** The plan DuckDB ran, as text: the scan lists how many files it opened and which. */
  async function explainAnalyze(sql: string): Promise<string> {
    const [row] = await lake.query(`EXPLAIN ANALYZE ${sql}`);
    return String(row!.explain_value);
  }

  describe('lake query views', () => {
    it('a stream view over every day, with a date column', async () => {
      const rows = await lake.query('SELECT id, date::VARCHAR AS date FROM payments ORDER BY id');
      expect(rows.map((r) => `${r.id}@${r.date}`)).toEqual(['a@2026-11-24', 'b@2026-11-24', 'c@2026-11-25', 'd@2026-11-25']);
    });

    it('a query on one day opens only that day’s files', async () => {
      const plan = await explainAnalyze(`SELECT count(*) FROM payments WHERE date = '2026-11-25'`);
      // a remote lake fetched only that day's files (lake/read/sql-pruning.ts); DuckDB prunes a local lake's
      if (lake.remote) expect(plan).not.toContain('Scanning Files'); // its view holds those two files only
      else expect(plan).toContain('Scanning Files: 2/4');
      expect(plan).toContain('Total Files Read: 2');
      const whole = await explainAnalyze('SELECT count(*) FROM payments');
      expect(whole).toContain('Total Files Read: 4');
    });

    it('a table view on the current version; table_at on any kept version, opening only its file', async () => {
      expect(await lake.query('SELECT k, n FROM totals')).toEqual([{ k: 'k', n: '30' }]);
      expect(await lake.query(`SELECT k, n FROM table_at('totals', 2)`)).toEqual([{ k: 'k', n: '20' }]);
      expect(await lake.query(`SELECT * FROM table_at('totals', 3)`)).toEqual([{ k: 'k', n: '30' }]);
      const plan = await explainAnalyze(`SELECT * FROM table_at('totals', 2)`);
      expect(plan).toContain(lake.remote ? 'Total Files Read: 1' : 'Scanning Files: 1/2'); // a remote lake fetched only version 2
      expect(plan).toMatch(/version=2/);
      expect(plan).not.toMatch(/version=3/);
    });

    it('table_at refuses a pruned version and an unknown feed with a clear message', async () => {
      await expect(lake.query(`SELECT * FROM table_at('totals', 1)`)).rejects.toThrow(/table_at: totals keeps no version 1 \(kept: 2, 3\)/);
      const unknown = await lake.query(`SELECT * FROM table_at('nope', 1)`).catch((e: unknown) => e);
      expect(unknown).toBeInstanceOf(LakeQueryError);
      expect((unknown as Error).message).toMatch(/^Invalid Input Error: table_at: the lake has no table feed "nope" with kept versions \(table feeds in the lake: totals\)/);
    });

    it('binds views only for the feeds a query names', async () => {
      const views = 'SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY view_name';
      expect(await lake.query(views)).toEqual([]);
      expect(await lake.query(`${views} -- payments`)).toEqual([{ view_name: 'payments' }]);
      expect(await lake.query(`${views} -- totals, table_at`)).toEqual([{ view_name: 'totals' }, { view_name: 'totals@versions' }]);
    });

    it('refused SQL is a LakeQueryError carrying DuckDB’s message', async () => {
      const error = await lake.runQuery('SELEC 1').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LakeQueryError);
      expect((error as Error).message).toMatch(/^Parser Error: syntax error at or near "SELEC"/);
    });

    it('keeps column names when no row matches', async () => {
      expect(await lake.runQuery(`SELECT id, amount FROM payments WHERE date = '1999-01-01'`)).toEqual({ columns: ['id', 'amount'], rows: [] });
    });
  });
}
