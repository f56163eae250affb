import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandin, type Standin } from '../../standin/index.js';
import { lines, queryStream, type Transport } from '../unit/standin/support/raw-http.js';

// ROWTIME windows as an exporter cuts them: half-open [start, end), numeric or string bounds.
const HOUR = 3_600_000;
let standin: Standin;
let start: number;

beforeAll(async () => {
  standin = await startStandin({ start: '2026-11-24T00:00:00Z', rowsPerDay: 2400 });
  start = Date.parse('2026-11-24T00:00:00Z');
});
afterAll(() => standin.close());

async function ids(where: string, transport: Transport = 'http1'): Promise<string[]> {
  const res = await queryStream(transport, standin.url, `SELECT ROWTIME, TRANSACTION_ID FROM transaction_stream WHERE ${where};`);
  expect(res.status, res.body).toBe(200);
  return lines(res.body).slice(1).map((line) => (JSON.parse(line) as [number, string])[1]);
}

function expectedIds(test: (ts: number) => boolean): string[] {
  return standin.dataset.transactions.filter((t) => test(t.timestamp)).map((t) => t.transaction_id);
}

describe('ROWTIME filtering on a stream pull query', () => {
  it('numeric bounds select exactly the half-open window, boundary rows included at the start only', async () => {
    const from = start + 10 * HOUR;
    const to = start + 11 * HOUR;
    const got = await ids(`ROWTIME >= ${from} AND ROWTIME < ${to}`);
    expect(got).toEqual(expectedIds((ts) => ts >= from && ts < to));
    const stamps = new Map(standin.dataset.transactions.map((t) => [t.transaction_id, t.timestamp]));
    expect(got.some((id) => stamps.get(id) === from)).toBe(true);
    expect(got.some((id) => stamps.get(id) === to - 1)).toBe(true);
    expect(got.some((id) => stamps.get(id) === to)).toBe(false);
  });

  it.each<[string, Transport]>([
    ["'2026-11-24T10:00:00' AND ROWTIME < '2026-11-24T11:00:00'", 'http1'],
    ["'2026-11-24T10:00:00.000Z' AND ROWTIME < '2026-11-24T11:00:00.000Z'", 'http2'],
    ["'2026-11-24T10' AND ROWTIME < '2026-11-24T11'", 'http1'],
    ["'2026-11-24T12:00:00+0200' AND ROWTIME < '2026-11-24T06:00:00-0500'", 'http2'],
  ])('string bounds (UTC by default, Z, partial, ±HHMM): >= %s', async (bounds, transport) => {
    expect(await ids(`ROWTIME >= ${bounds}`, transport)).toEqual(expectedIds((ts) => ts >= start + 10 * HOUR && ts < start + 11 * HOUR));
  });

  it('24 hourly windows partition the day: every row once', async () => {
    const all: string[] = [];
    for (let h = 0; h < 24; h++) all.push(...(await ids(`ROWTIME >= ${start + h * HOUR} AND ROWTIME < ${start + (h + 1) * HOUR}`)));
    expect(all).toEqual(standin.dataset.transactions.map((t) => t.transaction_id));
  });

  it('BETWEEN is inclusive at both ends; >, <=, = behave', async () => {
    const a = start + 5 * HOUR;
    const b = start + 6 * HOUR;
    expect(await ids(`ROWTIME BETWEEN ${a} AND ${b}`)).toEqual(expectedIds((ts) => ts >= a && ts <= b));
    expect(await ids(`ROWTIME BETWEEN '2026-11-24T05:00' AND '2026-11-24T06:00'`)).toEqual(expectedIds((ts) => ts >= a && ts <= b));
    expect(await ids(`ROWTIME > ${a} AND ROWTIME <= ${b}`)).toEqual(expectedIds((ts) => ts > a && ts <= b));
    expect(await ids(`ROWTIME = ${a}`)).toEqual(expectedIds((ts) => ts === a));
    expect(await ids(`${a} <= ROWTIME AND ${b} > ROWTIME`)).toEqual(expectedIds((ts) => ts >= a && ts < b));
  });

  it('combines ROWTIME with value predicates', async () => {
    const got = await ids(`ROWTIME >= '2026-11-24T08' AND ROWTIME < '2026-11-24T16' AND currency = 'JPY'`);
    expect(got).toEqual(standin.dataset.transactions
      .filter((t) => t.timestamp >= start + 8 * HOUR && t.timestamp < start + 16 * HOUR && t.currency === 'JPY')
      .map((t) => t.transaction_id));
    expect(got.length).toBeGreaterThan(0);
  });

  it('rejects an unparseable timestamp string', async () => {
    const res = await queryStream('http1', standin.url, "SELECT * FROM transaction_stream WHERE ROWTIME >= '24/11/2026';");
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).message).toContain("Failed to parse timestamp '24/11/2026'");
  });
});

describe('table pull queries', () => {
  it('look a key up, case-insensitively', async () => {
    const res = await queryStream('http2', standin.url, "select * from User_Transaction_Summary where USER_ID = 'user-1';");
    const rows = lines(res.body).slice(1).map((l) => JSON.parse(l) as unknown[]);
    expect(rows).toHaveLength(1);
    expect(rows[0]![0]).toBe('user-1');
    expect(rows[0]![1]).toBe(standin.dataset.transactions.filter((t) => t.user_id === 'user-1').length);
  });

  it('scan with a non-key predicate, ROWTIME and LIMIT', async () => {
    const res = await queryStream('http1', standin.url,
      'SELECT ROWTIME, product_id, purchase_count FROM product_purchase_counts WHERE purchase_count > 10 LIMIT 5;');
    const rows = lines(res.body).slice(1).map((l) => JSON.parse(l) as [number, string, number]);
    expect(rows).toHaveLength(5);
    for (const [rowtime, , count] of rows) {
      expect(count).toBeGreaterThan(10);
      expect(rowtime).toBeGreaterThanOrEqual(start);
    }
  });

  it('refuse to compare a DOUBLE with a string', async () => {
    const res = await queryStream('http1', standin.url, "SELECT * FROM user_transaction_summary WHERE total_amount > 'x';");
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).message).toContain('Cannot compare TOTAL_AMOUNT (DOUBLE)');
  });
});
