import { isLosslessNumber } from 'lossless-json';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  KsqlAuthError,
  KsqlDbClient,
  type KsqlDbClientOptions,
  KsqlMidStreamError,
  KsqlStatementError,
  KsqlTimeoutError,
  KsqlTruncatedResponseError,
  KsqlUnavailableError,
  KsqlUnsupportedError,
} from '../../ksqldb/index.js';
import { type Standin, startStandin } from '../../standin/index.js';

import { clientFor, closeClients, drain, drainUntilError, failureOf, FORMATS, PROTOCOLS } from '../unit/ksqldb/support/client-helpers.js';

// The client against the project's ksqlDB stand-in: both protocols, both /query-stream formats,
// every fault the stand-in can inject.
const STREAM_SQL = 'SELECT * FROM transaction_stream;';

let standin: Standin;
const client = (options: Partial<KsqlDbClientOptions> = {}, url = standin.url): KsqlDbClient => clientFor(url, options);

beforeAll(async () => {
  standin = await startStandin({ rowsPerDay: 200 });
});
afterEach(async () => {
  standin.faults.clear();
  await closeClients();
});
afterAll(() => standin.close());

describe('statements', () => {
  it('info, list and describe', async () => {
    const c = client();
    expect(await c.info()).toMatchObject({ version: '7.5.0', ksqlServiceId: expect.any(String), serverStatus: 'RUNNING' });
    expect((await c.listStreams()).map((s) => s.name)).toContain('TRANSACTION_STREAM');
    expect((await c.listTables()).map((t) => t.name)).toContain('USER_TRANSACTION_SUMMARY');
    const description = await c.describe('transaction_stream');
    expect(description).toMatchObject({ name: 'TRANSACTION_STREAM', type: 'STREAM', topic: 'transactions' });
    expect(description.columns.find((col) => col.name === 'PRODUCTS')?.type).toMatchObject({ kind: 'array' });
    expect(await failureOf(c.describe('no_such_source'))).toBeInstanceOf(KsqlStatementError);
  });
});

for (const protocol of PROTOCOLS) {
  for (const format of FORMATS) {
    describe(`query over ${protocol}, ${format}`, () => {
      const c = (options: Partial<KsqlDbClientOptions> = {}) => client({ protocol, format, ...options });

      it('reads a stream pull whole, with the same columns as DESCRIBE', async () => {
        const result = await c().query(STREAM_SQL);
        const rows = await drain(result);
        expect(rows).toHaveLength(standin.dataset.transactions.length);
        expect(rows.every((r) => r.kind === 'row')).toBe(true);
        const described = await c().describe('transaction_stream');
        expect(result.columns).toEqual(described.columns.map(({ name, type }) => ({ name, type })));
        const amount = result.columns.findIndex((col) => col.name === 'AMOUNT');
        expect(rows.every((r) => r.kind === 'row' && isLosslessNumber(r.values[amount]))).toBe(true);
      });

      it('reads a table pull', async () => {
        const result = await c().query('SELECT * FROM user_transaction_summary;');
        expect(result.header.queryId).toMatch(/^query_\d+$/);
        expect((await drain(result)).length).toBeGreaterThan(0);
      });

      it('a statement error before the header is terminal', async () => {
        const error = await failureOf(c().query('SELECT * FROM nonexistent;'));
        expect(error).toBeInstanceOf(KsqlStatementError);
        expect(error).toMatchObject({ errorCode: 40001, retryable: false });
      });

      it.each([
        ['http500', 500, 50000],
        ['http503', 503, 50302],
        ['http429', 429, 42900],
      ] as const)('%s → retryable KsqlUnavailableError', async (fault, status, errorCode) => {
        standin.faults.add({ fault, match: { path: '/query-stream' } });
        const error = await failureOf(c().query(STREAM_SQL));
        expect(error).toBeInstanceOf(KsqlUnavailableError);
        expect(error).toMatchObject({ status, errorCode, retryable: true });
        expect((await drain(await c().query(STREAM_SQL))).length).toBeGreaterThan(0); // `times: 1`
      });

      it('reset → retryable KsqlUnavailableError before any header', async () => {
        standin.faults.add({ fault: 'reset', match: { path: '/query-stream' } });
        const error = await failureOf(c().query(STREAM_SQL));
        expect(error).toBeInstanceOf(KsqlUnavailableError);
        expect(error).toMatchObject({ retryable: true });
      });

      it('stall → KsqlTimeoutError after the rows sent so far', async () => {
        standin.faults.add({ fault: 'stall', afterRows: 2, stallMs: 10_000 });
        const result = await c({ idleTimeoutMs: 400 }).query(STREAM_SQL);
        const { rows, error } = await drainUntilError(result);
        // JSON format only yields a row once the next `,` arrives, so the second row waits.
        expect(rows.length).toBe(format === 'json' ? 1 : 2);
        expect(error).toBeInstanceOf(KsqlTimeoutError);
        expect(error).toMatchObject({ retryable: true });
      });

      it('cut → KsqlTruncatedResponseError, never a short complete result', async () => {
        standin.faults.add({ fault: 'cut', afterRows: 3 });
        const { rows, error } = await drainUntilError(await c().query(STREAM_SQL));
        expect(rows.length).toBeLessThanOrEqual(3);
        expect(error).toBeInstanceOf(KsqlTruncatedResponseError);
        expect(error).toMatchObject({ retryable: true });
      });

      it('malformedRow → one malformed row with its reason, the rest intact', async () => {
        standin.faults.add({ fault: 'malformedRow', afterRows: 1 });
        const rows = await drain(await c().query(STREAM_SQL));
        expect(rows).toHaveLength(standin.dataset.transactions.length);
        const bad = rows.filter((r) => r.kind === 'malformed');
        expect(bad).toHaveLength(1);
        expect(rows[1]).toMatchObject({ kind: 'malformed', reason: expect.stringMatching(/not valid JSON/) });
      });

      it('midStreamError → the rows before it, then KsqlMidStreamError', async () => {
        standin.faults.add({ fault: 'midStreamError', afterRows: 2 });
        const { rows, error } = await drainUntilError(await c().query(STREAM_SQL));
        expect(rows).toHaveLength(2);
        expect(error).toBeInstanceOf(KsqlMidStreamError);
        expect(error).toMatchObject({ errorCode: 50000, retryable: true });
      });

      it('wrongTypes → delivered as a row (type checks belong to the lake), value kept as sent', async () => {
        standin.faults.add({ fault: 'wrongTypes', afterRows: 4 });
        const result = await c().query(STREAM_SQL);
        const rows = await drain(result);
        const amount = result.columns.findIndex((col) => col.name === 'AMOUNT');
        expect(rows.every((r) => r.kind === 'row')).toBe(true);
        expect(rows[4]).toMatchObject({ kind: 'row' });
        expect((rows[4] as { values: unknown[] }).values[amount]).toBe('abc');
      });

      it('schemaAdded / schemaRemoved → the header says so, rows match it', async () => {
        const sql = 'SELECT * FROM payment_method_totals;';
        const normal = (await c().query(sql)).columns.length;
        standin.faults.add({ fault: 'schemaAdded' });
        const added = await c().query(sql);
        expect(added.columns.length).toBe(normal + 1);
        expect(added.columns.at(-1)?.name).toBe('EXTRA_COLUMN');
        expect((await drain(added)).every((r) => r.kind === 'row' && r.values.length === normal + 1)).toBe(true);
        standin.faults.add({ fault: 'schemaRemoved' });
        const removed = await c().query(sql);
        expect(removed.columns.length).toBe(normal - 1);
        expect((await drain(removed)).every((r) => r.kind === 'row')).toBe(true);
      });

      it('cancel() of an endless push query closes it on the server', async () => {
        const result = await c().query('SELECT * FROM transaction_stream EMIT CHANGES;', {
          properties: { 'auto.offset.reset': 'earliest' },
        });
        let seen = 0;
        for await (const row of result.rows) {
          expect(row.kind).toBe('row');
          if (++seen === 5) result.cancel();
        }
        expect(seen).toBe(5);
      });
    });
  }
}

describe('authentication', () => {
  const auth = { username: 'etl', password: 'standin-Secret-42' };
  let secured: Standin;
  beforeAll(async () => {
    secured = await startStandin({ rowsPerDay: 50, auth: { ...auth, forbidden: { username: 'guest', password: 'guest-pass' } } });
  });
  afterAll(() => secured.close());

  for (const protocol of PROTOCOLS) {
    it(`works with the right credentials and keeps wrong ones out of errors (${protocol})`, async () => {
      expect((await drain(await client({ protocol, auth }, secured.url).query(STREAM_SQL))).length).toBeGreaterThan(0);
      const inUrl = secured.url.replace('http://', `http://${auth.username}:${auth.password}@`);
      expect((await client({ protocol }, inUrl).listStreams()).length).toBeGreaterThan(0);

      const wrong = { username: 'etl', password: 'not-the-Secret-99' };
      const error = await failureOf(client({ protocol, auth: wrong }, secured.url).query(STREAM_SQL));
      expect(error).toBeInstanceOf(KsqlAuthError);
      expect(error).toMatchObject({ status: 401, retryable: false });
      const text = [JSON.stringify(error), String(error), error.stack].join('\n');
      expect(text).not.toContain(wrong.password);
      expect(text).not.toContain(Buffer.from(`${wrong.username}:${wrong.password}`).toString('base64'));

      const forbidden = await failureOf(client({ protocol, auth: { username: 'guest', password: 'guest-pass' } }, secured.url).listTables());
      expect(forbidden).toMatchObject({ name: 'KsqlAuthError', status: 403 });
    });
  }
});

describe('an HTTP/2-only server (ksqlDB 0.23.1)', () => {
  let old: Standin;
  beforeAll(async () => {
    old = await startStandin({ rowsPerDay: 50, version: '0.23.1' });
  });
  afterAll(() => old.close());

  it('auto reads /info and queries over h2c', async () => {
    for (const format of FORMATS) {
      const result = await client({ format }, old.url).query(STREAM_SQL);
      expect(result.header.queryId).toMatch(/^[0-9a-f-]{36}$/); // a UUID on ≤0.23
      expect((await drain(result)).length).toBe(old.dataset.transactions.length);
    }
  });

  it('forcing HTTP/1.1 gets the 40004 refusal as a terminal KsqlUnsupportedError', async () => {
    const error = await failureOf(client({ protocol: 'http1' }, old.url).query(STREAM_SQL));
    expect(error).toBeInstanceOf(KsqlUnsupportedError);
    expect(error).toMatchObject({ errorCode: 40004, retryable: false });
  });
});
