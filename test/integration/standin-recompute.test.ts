import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandin, type Standin } from '../../standin/index.js';
import { http2Request, lines, queryStream } from '../unit/standin/support/raw-http.js';

/**
 * The stand-in's 8 sources against an independent recomputation: the generated transactions
 * are loaded into DuckDB and every stream and table of ksql/*.sql is recomputed in SQL, then
 * compared with what the stand-in serves over HTTP (row counts, sums, distinct counts, per-key
 * values). DuckDB may add doubles in another order, so sums compare within a tolerance; rounded
 * totals within a cent.
 */
let standin: Standin;
let duck: DuckDBInstance;
let db: DuckDBConnection;
let dir: string;

beforeAll(async () => {
  standin = await startStandin({ seed: 42, start: '2026-11-24T00:00:00Z', days: 2, rowsPerDay: 2400 });
  dir = await mkdtemp(join(tmpdir(), 'standin-recompute-'));
  const txFile = join(dir, 'transactions.ndjson');
  const blFile = join(dir, 'blacklist.ndjson');
  await writeFile(txFile, standin.dataset.transactions.map((t, ofs) => JSON.stringify({ ...t, ofs })).join('\n'));
  await writeFile(blFile, standin.dataset.blacklist.map((b) => JSON.stringify(b)).join('\n'));
  duck = await DuckDBInstance.create(':memory:');
  db = await duck.connect();
  await db.run(`CREATE TABLE tx AS SELECT * FROM read_json('${txFile}', format = 'newline_delimited', columns = {
    transaction_id: 'VARCHAR', user_id: 'VARCHAR', amount: 'DOUBLE', currency: 'VARCHAR', payment_method: 'VARCHAR',
    card_number: 'VARCHAR', ip_address: 'VARCHAR',
    products: 'STRUCT(product_id VARCHAR, name VARCHAR, category VARCHAR, quantity INTEGER, unit_price DOUBLE)[]',
    "timestamp": 'BIGINT', ofs: 'INTEGER'})`);
  await db.run(`CREATE TABLE bl AS SELECT * FROM read_json('${blFile}', format = 'newline_delimited',
    columns = {user_id: 'VARCHAR', reason: 'VARCHAR', added_at: 'BIGINT'})`);
  await db.run(`CREATE VIEW flat AS SELECT t.transaction_id, t.user_id, t.currency, t.payment_method,
    p.product_id, p.name AS product_name, p.category AS product_category, p.quantity, p.unit_price, t."timestamp", t.ofs
    FROM tx t, unnest(t.products) AS u(p)`);
});

afterAll(async () => {
  db?.closeSync();
  duck?.closeSync();
  await standin?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function duckRows(sql: string): Promise<unknown[][]> {
  const reader = await db.runAndReadAll(sql);
  return reader.getRowsJS().map((row) => row.map((v) => (typeof v === 'bigint' ? Number(v) : v)));
}

/** Rows the stand-in serves for a pull query (HTTP/2, delimited). */
async function served(sql: string): Promise<unknown[][]> {
  const res = await queryStream('http2', standin.url, sql);
  expect(res.status, res.body).toBe(200);
  return lines(res.body).slice(1).map((line) => JSON.parse(line) as unknown[]);
}

const sortByJson = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();

function expectClose(actual: number, expected: number, relative = 1e-9): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.max(1e-9, Math.abs(expected) * relative));
}

describe('streams', () => {
  it('TRANSACTION_STREAM: every row, ROWTIME = timestamp, in offset order', async () => {
    const rows = await served('SELECT ROWTIME, transaction_id, user_id, amount, currency, payment_method, card_number, ip_address, timestamp FROM transaction_stream;');
    const expected = await duckRows(`SELECT "timestamp", transaction_id, user_id, amount, currency, payment_method, card_number, ip_address, "timestamp" FROM tx ORDER BY ofs`);
    expect(rows).toEqual(expected);
    expect(rows).toHaveLength(4800);
  });

  it('TRANSACTION_FLATTENED: one row per product line (EXPLODE)', async () => {
    const rows = await served('SELECT * FROM transaction_flattened;');
    const expected = await duckRows(`SELECT transaction_id, user_id, currency, payment_method, product_id, product_name,
      product_category, quantity, unit_price, "timestamp" FROM flat`);
    expect(rows.length).toBe(expected.length);
    expect(sortByJson(rows)).toEqual(sortByJson(expected));
    const [[units, lines]] = (await duckRows('SELECT sum(quantity)::INTEGER, count(*)::INTEGER FROM flat')) as [[number, number]];
    expect(rows.reduce((s, r) => s + (r[7] as number), 0)).toBe(units);
    expect(rows.length).toBe(lines);
  });

  it('TRANSACTION_STREAM_ANONYMIZED: masked card (last 4 kept, digits → *), last IP octet → 0', async () => {
    const rows = await served('SELECT transaction_id, card_number_masked, ip_address_masked, amount, products FROM transaction_stream_anonymized;');
    const expected = await duckRows(`SELECT transaction_id,
        regexp_replace(left(card_number, length(card_number) - 4), '[0-9]', '*', 'g') || right(card_number, 4),
        regexp_replace(ip_address, '[0-9]+$', '0'), amount FROM tx ORDER BY ofs`);
    expect(rows.map((r) => r.slice(0, 4))).toEqual(expected);
    expect(rows.every((r) => /^\*{4}-\*{4}-\*{4}-\d{4}$/.test(r[1] as string) && /\.0$/.test(r[2] as string))).toBe(true);
    const txs = standin.dataset.transactions;
    expect(rows.map((r) => (r[4] as unknown[]).length)).toEqual(txs.map((t) => t.products.length));
  });

  it('TRANSACTION_STREAM_BLACKLISTED: inner join on user_id, USER_ID key first', async () => {
    const rows = await served('SELECT * FROM transaction_stream_blacklisted;');
    const expected = await duckRows(`SELECT t.user_id, t.transaction_id, t.amount, t.currency, t.payment_method, t.ip_address,
      b.reason, t."timestamp" FROM tx t JOIN bl b ON t.user_id = b.user_id ORDER BY t.ofs`);
    expect(rows).toEqual(expected);
    expect(rows.length).toBeGreaterThan(0);
    const joined = new Set(rows.map((r) => r[0]));
    expect(joined.has('user-666') || joined.has('user-999')).toBe(false);
  });
});

describe('tables', () => {
  it('USER_TRANSACTION_SUMMARY: count, sum, avg, max, latest currency and timestamp per user', async () => {
    const rows = await served('SELECT * FROM user_transaction_summary;');
    const expected = await duckRows(`SELECT user_id, count(*)::INTEGER, sum(amount), avg(amount), max(amount),
      arg_max(currency, ofs), arg_max("timestamp", ofs) FROM tx GROUP BY user_id ORDER BY user_id`);
    expect(rows.map((r) => r[0])).toEqual(expected.map((r) => r[0]));
    rows.forEach((row, i) => {
      const want = expected[i]!;
      expect(row[1]).toBe(want[1]);
      expectClose(row[2] as number, want[2] as number);
      expectClose(row[3] as number, want[3] as number);
      expect(row.slice(4)).toEqual(want.slice(4));
    });
    expect(rows.reduce((s, r) => s + (r[1] as number), 0)).toBe(4800);
  });

  it('USER_TRANSACTION_SUMMARY_EUR: JPY filtered out, fixed rates, rounded to cents', async () => {
    const rows = await served('SELECT * FROM user_transaction_summary_eur;');
    const expected = await duckRows(`SELECT user_id, count(*)::INTEGER, round(sum(CASE
        WHEN currency = 'USD' THEN amount * 0.92 WHEN currency = 'GBP' THEN amount * 1.17
        WHEN currency = 'CHF' THEN amount * 1.04 ELSE amount END), 2)
      FROM tx WHERE currency IN ('EUR', 'USD', 'GBP', 'CHF') GROUP BY user_id ORDER BY user_id`);
    expect(rows.map((r) => [r[0], r[1]])).toEqual(expected.map((r) => [r[0], r[1]]));
    rows.forEach((row, i) => expect(Math.abs((row[2] as number) - (expected[i]![2] as number))).toBeLessThanOrEqual(0.010001));
    expect(rows.every((r) => Math.round((r[2] as number) * 100) / 100 === r[2])).toBe(true);
    const [[nonJpy]] = (await duckRows(`SELECT count(*)::INTEGER FROM tx WHERE currency <> 'JPY'`)) as [[number]];
    expect(rows.reduce((s, r) => s + (r[1] as number), 0)).toBe(nonJpy);
    expect(nonJpy).toBeLessThan(4800);
  });

  it('PAYMENT_METHOD_TOTALS: count, rounded total, distinct users per method', async () => {
    const rows = await served('SELECT * FROM payment_method_totals;');
    const expected = await duckRows(`SELECT payment_method, count(*)::INTEGER, round(sum(amount), 2), count(DISTINCT user_id)::INTEGER
      FROM tx GROUP BY payment_method ORDER BY payment_method`);
    expect(rows.map((r) => [r[0], r[1], r[3]])).toEqual(expected.map((r) => [r[0], r[1], r[3]]));
    rows.forEach((row, i) => expect(Math.abs((row[2] as number) - (expected[i]![2] as number))).toBeLessThanOrEqual(0.010001));
  });

  it('PRODUCT_PURCHASE_COUNTS: from the flattened stream, SUM(quantity) as INTEGER', async () => {
    const rows = await served('SELECT * FROM product_purchase_counts;');
    const expected = await duckRows(`SELECT product_id, arg_max(product_name, ofs), count(*)::INTEGER, sum(quantity)::INTEGER
      FROM flat GROUP BY product_id ORDER BY product_id`);
    expect(rows).toEqual(expected);
    expect(rows).toHaveLength(50);
  });

  it('key lookups agree with the scan for every user', async () => {
    const scan = await served('SELECT * FROM user_transaction_summary;');
    for (const row of scan.filter((_, i) => i % 25 === 0)) {
      expect(await served(`SELECT * FROM user_transaction_summary WHERE user_id = '${row[0] as string}';`)).toEqual([row]);
    }
  });

  it('BLACKLIST (push query, earliest): the table as loaded', async () => {
    const res = await http2Request(standin.url, {
      path: '/query-stream',
      body: { sql: 'SELECT * FROM blacklist EMIT CHANGES;', properties: { 'auto.offset.reset': 'earliest' } },
    });
    const rows = lines(res.body).slice(1).map((l) => JSON.parse(l) as unknown[]);
    expect(rows).toEqual(await duckRows('SELECT user_id, reason, added_at FROM bl ORDER BY user_id'));
  });
});
