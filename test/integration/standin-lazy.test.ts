import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandin, type Standin } from '../../standin/index.js';
import { http1Request, lines, queryStream } from '../unit/standin/support/raw-http.js';

/**
 * Lazy generation changes nothing on the wire: every source's rows hash to what the eager
 * stand-in (every row generated into arrays at start) served for the same dataset. The hashes
 * were taken from that implementation: sha256 of the body after the header line, first 16 hex.
 */
const HOUR = 3_600_000;
const EAGER: Record<string, Record<string, string>> = {
  default: {
    TRANSACTION_STREAM: '5bda98bc4017a0c5', TRANSACTION_FLATTENED: '5fc6dd39753859e8',
    TRANSACTION_STREAM_ANONYMIZED: '288ee7157f0b853e', TRANSACTION_STREAM_BLACKLISTED: '7dd6c8a2276ea2dc',
    USER_TRANSACTION_SUMMARY: '893f9b1f71067bea', USER_TRANSACTION_SUMMARY_EUR: 'b757a9813ace3819',
    PAYMENT_METHOD_TOTALS: '3571285325bb9f67', PRODUCT_PURCHASE_COUNTS: '6d137b38aa5ab690', BLACKLIST: '9b00981f565cfc07',
  },
  // Three days: the timestamp PRNG carries over from one day to the next.
  multi: {
    TRANSACTION_STREAM: 'f7b10e83e0dbac7c', TRANSACTION_FLATTENED: '6f47a4423f5bbb6c',
    TRANSACTION_STREAM_ANONYMIZED: '5d6199302c40961a', TRANSACTION_STREAM_BLACKLISTED: '06efe2f762e54b1e',
    USER_TRANSACTION_SUMMARY: 'd9d9cd2c09ae6507', USER_TRANSACTION_SUMMARY_EUR: '045a77dfd26ddd4d',
    PAYMENT_METHOD_TOTALS: '77643a172a4f3bcc', PRODUCT_PURCHASE_COUNTS: 'ec39f8e5e850e206', BLACKLIST: '3e80147057687d41',
    // ROWTIME >= day 2 12:00 AND < 13:00 on the flattened stream (a pull that skips ahead)
    window: '4ba40accdd9365d9',
    // ROWOFFSET, ROWTIME, TRANSACTION_ID of the flattened stream from day 2 12:00 (push, earliest)
    pushOffsets: '8c5349c0851957ed',
  },
};
const DATASETS = { default: {}, multi: { seed: 7, days: 3, rowsPerDay: 5000 } };

const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

async function rowsHash(url: string, sql: string, properties?: Record<string, string>): Promise<string> {
  const res = await http1Request(url, { path: '/query-stream', body: { sql, ...(properties ? { properties } : {}) } });
  expect(res.status, res.body).toBe(200);
  return sha(res.body.slice(res.body.indexOf('\n') + 1));
}

describe.each(Object.keys(DATASETS) as Array<keyof typeof DATASETS>)('the %s dataset', (name) => {
  let standin: Standin;
  beforeAll(async () => { standin = await startStandin(DATASETS[name]); });
  afterAll(() => standin.close());

  it('serves every source byte for byte as the eager stand-in did', async () => {
    const got: Record<string, string> = {};
    for (const source of Object.keys(EAGER[name]!).filter((s) => /^[A-Z_]+$/.test(s))) {
      got[source] = source === 'BLACKLIST'
        ? await rowsHash(standin.url, 'SELECT * FROM BLACKLIST EMIT CHANGES;', { 'auto.offset.reset': 'earliest' })
        : await rowsHash(standin.url, `SELECT * FROM ${source};`);
    }
    if (name === 'multi') {
      const from = Date.parse('2026-11-24T00:00:00Z') + 36 * HOUR;
      got.window = await rowsHash(standin.url, `SELECT ROWTIME, * FROM TRANSACTION_FLATTENED WHERE ROWTIME >= ${from} AND ROWTIME < ${from + HOUR};`);
      got.pushOffsets = await rowsHash(standin.url, `SELECT ROWOFFSET, ROWTIME, TRANSACTION_ID FROM TRANSACTION_FLATTENED WHERE ROWTIME >= ${from} EMIT CHANGES;`,
        { 'auto.offset.reset': 'earliest' });
    }
    expect(got).toEqual(EAGER[name]);
  });
});

describe('ROWTIME ranges skip ahead without changing the answer', () => {
  let standin: Standin;
  let everything: Array<[number, string, string]>;
  const at = (iso: string) => Date.parse(`${iso}Z`);
  beforeAll(async () => {
    standin = await startStandin({ seed: 3, days: 2, rowsPerDay: 4000 });
    const all = await queryStream('http1', standin.url, 'SELECT ROWTIME, TRANSACTION_ID, USER_ID FROM transaction_stream;');
    everything = lines(all.body).slice(1).map((line) => JSON.parse(line) as [number, string, string]);
  });
  afterAll(() => standin.close());

  it.each<[string, (t: number, user: string) => boolean]>([
    [`ROWTIME >= ${at('2026-11-25T00:00:00')} AND ROWTIME < ${at('2026-11-25T01:00:00')}`,
      (t) => t >= at('2026-11-25T00:00:00') && t < at('2026-11-25T01:00:00')],
    ["ROWTIME BETWEEN '2026-11-25T07:00' AND '2026-11-25T08:00' AND user_id <> 'user-1'",
      (t, user) => t >= at('2026-11-25T07:00:00') && t <= at('2026-11-25T08:00:00') && user !== 'user-1'],
    [`'2026-11-24T23:00' <= ROWTIME AND ROWTIME <= ${at('2026-11-25T01:00:00')}`,
      (t) => t >= at('2026-11-24T23:00:00') && t <= at('2026-11-25T01:00:00')],
    [`ROWTIME = ${at('2026-11-25T01:00:00')}`, (t) => t === at('2026-11-25T01:00:00')],
    ["ROWTIME > '2026-11-25T23:59:59' OR ROWTIME < '2026-11-24T00:00:01'",
      (t) => t > at('2026-11-25T23:59:59') || t < at('2026-11-24T00:00:01')],
  ])('WHERE %s', async (where, keep) => {
    const res = await queryStream('http1', standin.url, `SELECT ROWTIME, TRANSACTION_ID, USER_ID FROM transaction_stream WHERE ${where};`);
    const rows = lines(res.body).slice(1).map((line) => JSON.parse(line) as [number, string, string]);
    expect(rows).toEqual(everything.filter(([t, , user]) => keep(t, user)));
    expect(rows.length).toBeGreaterThan(0);
  });
});
