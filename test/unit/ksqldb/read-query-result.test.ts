import { isLosslessNumber, type LosslessNumber } from 'lossless-json';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { BodySplitter } from '../../../ksqldb/body-splitter.js';
import {
  KsqlMidStreamError,
  KsqlProtocolError,
  KsqlTruncatedResponseError,
} from '../../../ksqldb/errors.js';
import { DelimitedSplitter } from '../../../ksqldb/delimited-splitter.js';
import { JsonArraySplitter } from '../../../ksqldb/json-array-splitter.js';
import { type QueryResult, type QueryRow, readQueryResult, readRawQueryResult } from '../../../ksqldb/read-query-result.js';
import { ResponseBody } from '../../../ksqldb/response-body.js';
import { drain, failureOf, type Format } from './support/client-helpers.js';
import { CONTEXT, fakeBody } from './support/fake-body.js';
import { chunksOf, fixture } from './support/fixtures.js';

const splitterFor = (format: Format): BodySplitter => (format === 'json' ? new JsonArraySplitter() : new DelimitedSplitter());
const open = (chunks: Buffer[], format: Format, endedProperly = true): Promise<QueryResult> =>
  readQueryResult(fakeBody(chunks, { endedProperly }), splitterFor(format), CONTEXT, (e) => e);

/** Rows with LosslessNumbers turned into their exact text, for readable assertions. */
function plain(rows: QueryRow[]): unknown[] {
  const unwrap = (v: unknown): unknown =>
    isLosslessNumber(v) ? `#${v.toString()}` : Array.isArray(v) ? v.map(unwrap)
      : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrap(x)])) : v;
  return rows.map((row) => (row.kind === 'row' ? unwrap(row.values) : row));
}

describe('readQueryResult on recorded bodies', () => {
  for (const chunkSize of [Infinity, 1, 7]) {
    const chunking = (body: Buffer): Buffer[] => (chunkSize === Infinity ? [body] : chunksOf(body, chunkSize));

    it(`reads the delimited table pull: header, parsed types, rows (chunks of ${chunkSize})`, async () => {
      const result = await open(chunking(fixture('pull-user-transaction-summary.delimited.txt')), 'delimited');
      expect(result.header.queryId).toBe('query_1714560000123');
      expect(result.header.columnTypes[1]).toBe('BIGINT');
      expect(result.columns[0]).toEqual({ name: 'USER_ID', type: { kind: 'scalar', name: 'STRING' } });
      expect(plain(await drain(result))).toEqual([
        ['user-42', '#3', '#180.0', '#60.0', '#100.0', 'USD', '#1714561200000'],
        ['user-7', '#1', '#30.0', '#30.0', '#30.0', 'EUR', '#1714558500000'],
      ]);
    });

    it(`reads the stream pull with a nested ARRAY<STRUCT> column (chunks of ${chunkSize})`, async () => {
      const result = await open(chunking(fixture('stream-pull-transaction-stream.delimited.txt')), 'delimited');
      expect(result.columns[8]!.type).toMatchObject({ kind: 'array', element: { kind: 'struct' } });
      const rows = plain(await drain(result));
      expect(rows).toHaveLength(2);
      expect((rows[0] as unknown[])[8]).toEqual([
        { PRODUCT_ID: 'p-100', NAME: 'Keyboard', CATEGORY: 'electronics', QUANTITY: '#1', UNIT_PRICE: '#100.0' },
      ]);
    });

    it(`reads the JSON-format body (chunks of ${chunkSize})`, async () => {
      const result = await open(chunking(fixture('pull-user-transaction-count.json.txt')), 'json');
      expect(result.header.columnNames).toEqual(['USER_ID', 'TRANSACTION_COUNT']);
      expect(plain(await drain(result))).toEqual([['user-42', '#3'], ['user-7', '#1']]);
    });

    it(`keeps BIGINT beyond 2^53 and DECIMAL scale exact (chunks of ${chunkSize})`, async () => {
      const result = await open(chunking(fixture('big-numbers.delimited.txt')), 'delimited');
      expect(result.columns[1]!.type).toEqual({ kind: 'decimal', precision: 4, scale: 2 });
      const [row] = await drain(result);
      const values = (row as { values: LosslessNumber[] }).values;
      expect(values.every(isLosslessNumber)).toBe(true);
      expect(values.map(String)).toEqual(['123456789123456789', '12.30', '1000.00']);
    });

    it(`yields malformed lines with their reason and skips token lines (delimited, chunks of ${chunkSize})`, async () => {
      const rows = await drain(await open(chunking(fixture('tokens-and-malformed.delimited.txt')), 'delimited'));
      expect(plain(rows)).toEqual([
        ['a', '#1'],
        { kind: 'malformed', raw: '["b",2', reason: expect.stringMatching(/^not valid JSON/) },
        { kind: 'malformed', raw: '"c"', reason: expect.stringMatching(/not a JSON array/) },
        ['d', '#4'],
      ]);
    });

    it(`yields malformed elements with their reason and skips tokens (json, chunks of ${chunkSize})`, async () => {
      const rows = await drain(await open(chunking(fixture('tokens-and-malformed.json.txt')), 'json'));
      expect(plain(rows)).toEqual([
        ['a', 'x,]}'],
        { kind: 'malformed', raw: '["b",tru]', reason: expect.stringMatching(/^not valid JSON/) },
        { kind: 'malformed', raw: '42', reason: expect.stringMatching(/not a JSON array/) },
        ['c', 'say "hi" [ok]'],
        ['d', '\\'],
      ]);
    });

    for (const [format, name] of [
      ['delimited', 'push-mid-stream-error.delimited.txt'],
      ['json', 'push-mid-stream-error.json.txt'],
    ] as const) {
      it(`raises the in-stream error object as KsqlMidStreamError after the rows before it (${format}, chunks of ${chunkSize})`, async () => {
        const result = await open(chunking(fixture(name)), format);
        const seen: QueryRow[] = [];
        const error = await failureOf((async () => { for await (const row of result.rows) seen.push(row); })());
        expect(plain(seen)).toEqual([['tx-1001']]);
        expect(error).toBeInstanceOf(KsqlMidStreamError);
        expect(error).toMatchObject({ errorCode: 50000, retryable: true, name: 'KsqlMidStreamError' });
        expect(error.message).toBe(
          'POST /query-stream "SELECT * FROM x;": 50000 java.lang.RuntimeException: Failure in processing',
        );
      });
    }
  }
});

describe('readRawQueryResult (rows left unparsed for the lake)', () => {
  /** Every row of the raw batches decoded as the lake would (runs line by line), with the run count. */
  async function rawRows(chunks: Buffer[]): Promise<{ rows: QueryRow[]; runs: number; error: unknown }> {
    const result = await readRawQueryResult(fakeBody(chunks), new DelimitedSplitter(), CONTEXT, (e) => e);
    const rows: QueryRow[] = [];
    let runs = 0;
    try {
      for await (const batch of result.batches) {
        for (const item of batch) {
          if (item.kind === 'malformed') rows.push(item);
          else if (item.kind === 'line') rows.push(result.decode(item.text));
          else {
            runs++;
            const lines = item.bytes.toString('utf8').split('\n').slice(0, -1);
            expect(lines).toHaveLength(item.count);
            rows.push(...lines.map((line) => result.decode(line)));
          }
        }
      }
    } catch (error) {
      return { rows, runs, error };
    }
    return { rows, runs, error: null };
  }

  // The header's own chunk is read as text; the chunks after it are where rows stay bytes.
  const afterHeader = (body: Buffer): Buffer[] => [body.subarray(0, body.indexOf(0x0a) + 1), body.subarray(body.indexOf(0x0a) + 1)];
  const chunkings: Array<[string, (body: Buffer) => Buffer[]]> = [
    ['one chunk', (body) => [body]],
    ['the header, then the rest', afterHeader],
    ['chunks of 7 bytes', (body) => chunksOf(body, 7)],
  ];

  for (const [name, chunking] of chunkings) {
    it(`hands out rows that decode to the rows readQueryResult reads (${name})`, async () => {
      const body = fixture('stream-pull-transaction-stream.delimited.txt');
      const raw = await rawRows(chunking(body));
      expect(raw.error).toBeNull();
      expect(plain(raw.rows)).toEqual(plain(await drain(await open(chunking(body), 'delimited'))));
      if (chunking === afterHeader) expect(raw.runs).toBe(1); // every row after the header's chunk, as one run
    });

    it(`still raises the in-stream error object (${name})`, async () => {
      const raw = await rawRows(chunking(fixture('push-mid-stream-error.delimited.txt')));
      expect(raw.error).toBeInstanceOf(KsqlMidStreamError);
    });
  }
});

describe('readQueryResult on cut-off and wrong bodies', () => {
  it('never treats a delimited body cut mid-line as a complete result', async () => {
    const body = fixture('pull-default-mime.delimited.txt');
    const result = await open([body.subarray(0, body.length - 4)], 'delimited');
    const seen: QueryRow[] = [];
    const error = await failureOf((async () => { for await (const row of result.rows) seen.push(row); })());
    expect(seen).toHaveLength(1);
    expect(error).toBeInstanceOf(KsqlTruncatedResponseError);
    expect(error.message).toMatch(/ended mid-line/);
  });

  it('never treats a JSON body without its closing ] as a complete result', async () => {
    const body = fixture('pull-user-transaction-count.json.txt');
    const result = await open([body.subarray(0, body.length - 1)], 'json');
    expect(await failureOf(drain(result))).toBeInstanceOf(KsqlTruncatedResponseError);
  });

  it('reports a transport-level cut even when the body stopped on a line boundary', async () => {
    const result = await open([fixture('pull-default-mime.delimited.txt')], 'delimited', false);
    const error = await failureOf(drain(result));
    expect(error).toBeInstanceOf(KsqlTruncatedResponseError);
    expect(error).toMatchObject({ retryable: true });
  });

  it('rejects when the body ends before the header', async () => {
    const error = await failureOf(open([Buffer.from('{"queryId":"q","colu')], 'delimited'));
    expect(error).toBeInstanceOf(KsqlTruncatedResponseError);
    expect(await failureOf(open([], 'json'))).toBeInstanceOf(KsqlTruncatedResponseError);
  });

  it('rejects a body that does not start with a header as a protocol error', async () => {
    const error = await failureOf(open([Buffer.from('[1,"USER_0"]\n')], 'delimited'));
    expect(error).toBeInstanceOf(KsqlProtocolError);
    expect(error).toMatchObject({ retryable: false });
    // A delimited body where a JSON array was asked for.
    expect(await failureOf(open([fixture('pull-default-mime.delimited.txt')], 'json'))).toBeInstanceOf(KsqlProtocolError);
  });

  it('rejects a header whose column type it cannot read', async () => {
    const body = Buffer.from('{"queryId":null,"columnNames":["A"],"columnTypes":["GEOMETRY"]}\n');
    const error = await failureOf(open([body], 'delimited'));
    expect(error).toBeInstanceOf(KsqlProtocolError);
    expect(error.message).toMatch(/GEOMETRY/);
  });

  it('raises an error object sent instead of the header', async () => {
    const body = Buffer.from('{"@type":"generic_error","error_code":50000,"message":"boom"}\n');
    expect(await failureOf(open([body], 'delimited'))).toBeInstanceOf(KsqlMidStreamError);
  });

  it('flags rows whose width differs from the header, and a second header', async () => {
    const body = Buffer.from('{"queryId":null,"columnNames":["A","B"],"columnTypes":["INTEGER","INTEGER"]}\n[1,2]\n[1,2,3]\n[1]\n{"queryId":null,"columnNames":["A"],"columnTypes":["INTEGER"]}\n');
    const rows = await drain(await open([body], 'delimited'));
    expect(rows.map((r) => (r.kind === 'malformed' ? r.reason : 'ok'))).toEqual([
      'ok',
      '3 values for 2 columns',
      '1 values for 2 columns',
      'a second header in the middle of the rows',
    ]);
  });

  it('reads a null queryId (table pull on ksqlDB <= 0.23)', async () => {
    const body = Buffer.from('{"queryId":null,"columnNames":["COUNT","USERID"],"columnTypes":["BIGINT","STRING"]}\n[1,"USER_1"]\n');
    expect((await open([body], 'delimited')).header.queryId).toBeNull();
  });
});

describe('readQueryResult pulls lazily', () => {
  it('reads no further ahead of the consumer than the stream buffer', async () => {
    let produced = 0;
    const header = '{"queryId":"q","columnNames":["N","PAD"],"columnTypes":["BIGINT","STRING"]}\n';
    const source = new Readable({
      highWaterMark: 16 * 1024,
      read() {
        if (produced === 0) this.push(header);
        produced++;
        this.push(`[${produced},"${'p'.repeat(90)}"]\n`);
        if (produced === 1_000_000) this.push(null);
      },
    });
    const body = new ResponseBody(
      { readable: source, endedProperly: () => true, describeCut: () => '', destroy: () => source.destroy() },
      5_000,
      CONTEXT,
    );
    const result = await readQueryResult(body, new DelimitedSplitter(), CONTEXT, (e) => e);
    let consumed = 0;
    for await (const row of result.rows) {
      expect(row.kind).toBe('row');
      if (++consumed === 5_000) break;
    }
    // ~100 bytes a line: the 16 KiB buffer holds ~160 lines beyond what was consumed.
    expect(produced - consumed).toBeLessThan(1_000);
    expect(source.destroyed).toBe(true); // leaving the loop released the source
  });

  it('cancel() ends the rows without an error and releases the source', async () => {
    const result = await open([fixture('pull-default-mime.delimited.txt')], 'delimited');
    const iterator = result.rows[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    result.cancel();
    expect((await iterator.next()).done).toBe(true);
  });
});
