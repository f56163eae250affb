import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandin, type Standin, type StandinOptions } from '../../standin/index.js';
import { http1Request, lines, queryStream } from '../unit/standin/support/raw-http.js';

// Live mode on a clock the test holds: the day 2026-11-24 is fixed (100 rows), then 3 rows a
// second from 2026-11-25T00:00Z on, of which only those whose ROWTIME has passed exist.
const LIVE_START = Date.parse('2026-11-25T00:00:00Z');
const MINUTE = 60_000;
const LIVE: StandinOptions = { start: '2026-11-24T00:00:00Z', days: 1, rowsPerDay: 100, live: true, liveRate: 3 };

const started: Standin[] = [];
async function liveStandin(clock: { now: number }, opts: StandinOptions = {}): Promise<Standin> {
  const standin = await startStandin({ ...LIVE, ...opts, now: () => clock.now });
  started.push(standin);
  return standin;
}
afterAll(() => Promise.all(started.map((s) => s.close())));

async function rows(standin: Standin, sql: string): Promise<unknown[][]> {
  const res = await queryStream('http1', standin.url, sql);
  expect(res.status, res.body).toBe(200);
  return lines(res.body).slice(1).map((line) => JSON.parse(line) as unknown[]);
}

const liveRows = (standin: Standin, to = Infinity) => rows(standin,
  `SELECT ROWTIME, TRANSACTION_ID FROM transaction_stream WHERE ROWTIME >= ${LIVE_START}${Number.isFinite(to) ? ` AND ROWTIME < ${to}` : ''};`);

describe('live mode', () => {
  const clock = { now: LIVE_START + 10 * MINUTE };
  let standin: Standin;
  beforeAll(async () => { standin = await liveStandin(clock); });

  it('serves the rows up to now only, at the configured rate, numbered after the fixed day', async () => {
    const live = await liveRows(standin);
    expect(live).toHaveLength(10 * 60 * 3 + 1); // 0 s … 600 s inclusive
    expect(live[0]).toEqual([LIVE_START, 'tx-000101']);
    expect(live.at(-1)).toEqual([clock.now, 'tx-001901']);
    const perSecond = new Map<number, number>();
    for (const [t] of live as Array<[number]>) perSecond.set(Math.floor(t / 1000), (perSecond.get(Math.floor(t / 1000)) ?? 0) + 1);
    expect([...perSecond.values()].slice(0, -1).every((n) => n === 3)).toBe(true);
    expect(await rows(standin, 'SELECT TRANSACTION_ID FROM transaction_stream;')).toHaveLength(100 + 1801);
  });

  it('shows new rows as the clock advances, in streams and tables alike', async () => {
    const total = async () => (await rows(standin, 'SELECT * FROM payment_method_totals;')).reduce((s, r) => s + (r[1] as number), 0);
    expect(await total()).toBe(1901);
    clock.now += MINUTE;
    expect(await liveRows(standin)).toHaveLength(11 * 60 * 3 + 1);
    expect(await total()).toBe(1901 + 180);
    // The cached tables, brought up to date, equal a fresh fold at the same moment.
    const fresh = await liveStandin({ now: clock.now });
    for (const table of ['USER_TRANSACTION_SUMMARY', 'USER_TRANSACTION_SUMMARY_EUR', 'PAYMENT_METHOD_TOTALS', 'PRODUCT_PURCHASE_COUNTS']) {
      expect(await rows(standin, `SELECT * FROM ${table};`)).toEqual(await rows(fresh, `SELECT * FROM ${table};`));
    }
  });

  it('gives identical rows for a past window, whenever each stand-in started', async () => {
    const early = await liveStandin({ now: LIVE_START + 6 * MINUTE });
    const late = await liveStandin({ now: LIVE_START + 5 * 3_600_000 });
    for (const source of ['TRANSACTION_STREAM', 'TRANSACTION_FLATTENED', 'TRANSACTION_STREAM_BLACKLISTED']) {
      const sql = `SELECT ROWTIME, * FROM ${source} WHERE ROWTIME >= ${LIVE_START} AND ROWTIME < ${LIVE_START + 5 * MINUTE};`;
      const [a, b] = await Promise.all([queryStream('http1', early.url, sql), queryStream('http1', late.url, sql)]);
      expect(lines(a.body).slice(1)).toEqual(lines(b.body).slice(1));
      expect(lines(a.body).length).toBeGreaterThan(source === 'TRANSACTION_STREAM_BLACKLISTED' ? 1 : 900);
    }
  });

  it('lets a blacklist INSERT join only the live rows after it (user-3 is not blacklisted at start)', async () => {
    const own = { now: LIVE_START + 30 * MINUTE };
    const s = await liveStandin(own);
    const res = await http1Request(s.url, { path: '/ksql', body: {
      ksql: `INSERT INTO blacklist (user_id, reason, added_at) VALUES ('user-3', 'chargeback', ${own.now});` } });
    expect(res.status, res.body).toBe(200);
    own.now += 30 * MINUTE;
    const joined = await rows(s, "SELECT ROWTIME FROM transaction_stream_blacklisted WHERE user_id = 'user-3';");
    const all = await rows(s, "SELECT ROWTIME FROM transaction_stream WHERE user_id = 'user-3';");
    expect(joined.length).toBeGreaterThan(0);
    expect(joined).toEqual(all.filter(([t]) => (t as number) > LIVE_START + 30 * MINUTE));
  });
});

describe('relative days', () => {
  it('start today-1d holds yesterday as the fixed day and today live, up to now', async () => {
    const now = Date.parse('2026-11-30T08:13:20Z');
    const s = await liveStandin({ now }, { start: 'today-1d', rowsPerDay: 50 });
    const all = (await rows(s, 'SELECT ROWTIME FROM transaction_stream;')).map(([t]) => t as number);
    expect(all[0]).toBeGreaterThanOrEqual(Date.parse('2026-11-29T00:00:00Z'));
    expect(all.filter((t) => t < Date.parse('2026-11-30T00:00:00Z'))).toHaveLength(50);
    expect(all.at(-1)).toBeLessThanOrEqual(now);
    expect(all.filter((t) => t >= Date.parse('2026-11-30T00:00:00Z'))).toHaveLength(Math.floor((8 * 3600 + 13 * 60 + 20) * 3) + 1);
  });

  it('hides the fixed rows of a day that has not happened yet', async () => {
    const now = Date.parse('2026-11-30T06:00:00Z');
    const s = await liveStandin({ now }, { start: 'today', rowsPerDay: 2400 });
    const all = (await rows(s, 'SELECT ROWTIME FROM transaction_stream;')).map(([t]) => t as number);
    expect(all.length).toBeGreaterThan(400);
    expect(all.length).toBeLessThan(800);
    expect(Math.max(...all)).toBeLessThanOrEqual(now);
  });

  it('refuses a start that is neither an instant nor a relative day', async () => {
    await expect(startStandin({ start: 'yesterday' })).rejects.toThrow(/ISO-8601 instant .* today-1d/);
  });
});
