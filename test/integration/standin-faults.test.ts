import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStandin, type Standin } from '../../standin/index.js';
import { http1Request, lines, queryStream, request, type Transport } from '../unit/standin/support/raw-http.js';

// Each injected fault, as a client sees it on the wire, over both protocols.
let standin: Standin;
beforeAll(async () => { standin = await startStandin({ rowsPerDay: 200 }); });
afterEach(() => { standin.faults.clear(); });
afterAll(() => standin.close());

const STREAM_SQL = 'SELECT * FROM transaction_stream;';
const json = (body: string) => JSON.parse(body) as Record<string, unknown>;

describe.each<Transport>(['http1', 'http2'])('faults over %s', (transport) => {
  it.each([
    ['http500', 500, { '@type': 'generic_error', error_code: 50000, message: 'The server encountered an internal error when processing the query. Please consult the server logs for more information.' }],
    ['http503', 503, { '@type': 'generic_error', error_code: 50302, message: 'Server initializing' }],
    ['http429', 429, { '@type': 'generic_error', error_code: 42900, message: 'Host is at rate limit for pull queries. Currently set to 1.0 qps.' }],
  ] as const)('%s: status and envelope before any row, once', async (fault, status, body) => {
    standin.faults.add({ fault });
    const failed = await queryStream(transport, standin.url, STREAM_SQL);
    expect(failed.status).toBe(status);
    expect(json(failed.body)).toEqual(body);
    expect((await queryStream(transport, standin.url, STREAM_SQL)).status).toBe(200);
  });

  it('reset: the connection / stream dies before any response', async () => {
    standin.faults.add({ fault: 'reset' });
    await expect(queryStream(transport, standin.url, STREAM_SQL)).rejects.toThrow();
    expect((await queryStream(transport, standin.url, STREAM_SQL)).status).toBe(200);
  });

  it('cut: afterRows rows, then the body breaks with no terminator', async () => {
    standin.faults.add({ fault: 'cut', afterRows: 3 });
    const res = await queryStream(transport, standin.url, STREAM_SQL, 'application/json');
    expect(res.status).toBe(200);
    expect(res.error).toBeDefined();
    expect(res.body.startsWith('[{"queryId"')).toBe(true);
    expect(res.body.endsWith(']')).toBe(true); // the third row's own bracket…
    expect(() => JSON.parse(res.body)).toThrow(); // …but never the array's
    expect(res.body.match(/,\["tx-/g)).toHaveLength(3);
  });

  it('malformedRow: one line that is not JSON, in place of a row', async () => {
    standin.faults.add({ fault: 'malformedRow', afterRows: 1 });
    const res = await queryStream(transport, standin.url, 'SELECT ROWTIME, * FROM transaction_stream;');
    const body = lines(res.body);
    expect(body).toHaveLength(1 + standin.dataset.transactions.length);
    expect(() => JSON.parse(body[2]!)).toThrow();
    expect(body[2]).toMatch(/^\[\d+,"tx-000002",$/);
    expect(JSON.parse(body[3]!)[1]).toBe('tx-000003');
  });

  it('midStreamError: an in-band 50000 line, status 200, then the end', async () => {
    standin.faults.add({ fault: 'midStreamError', afterRows: 2 });
    const res = await queryStream(transport, standin.url, STREAM_SQL);
    expect(res.status).toBe(200);
    expect(res.error).toBeUndefined();
    const body = lines(res.body);
    expect(body).toHaveLength(4);
    expect(json(body[3]!)).toEqual({ '@type': 'generic_error', error_code: 50000, message: 'java.lang.RuntimeException: Failure in processing' });
  });

  it('midStreamError in StreamedRow: errorMessage then ",\\n]"', async () => {
    standin.faults.add({ fault: 'midStreamError', afterRows: 1 });
    const res = await queryStream(transport, standin.url, STREAM_SQL, 'application/vnd.ksql.v1+json');
    expect(res.body.endsWith(',\n{"errorMessage":{"@type":"generic_error","error_code":50000,"message":"java.lang.RuntimeException: Failure in processing"}},\n]')).toBe(true);
  });

  it('wrongTypes: one AMOUNT arrives as a string', async () => {
    standin.faults.add({ fault: 'wrongTypes', afterRows: 4 });
    const rows = lines((await queryStream(transport, standin.url, STREAM_SQL)).body).slice(1).map((l) => JSON.parse(l) as unknown[]);
    expect(rows[4]![2]).toBe('abc');
    expect(rows.filter((r) => typeof r[2] !== 'number')).toHaveLength(1);
  });

  it('schemaAdded / schemaRemoved: the header and every row gain or lose a column', async () => {
    standin.faults.add({ fault: 'schemaAdded' });
    const added = lines((await queryStream(transport, standin.url, 'SELECT * FROM payment_method_totals;')).body);
    expect(json(added[0]!)).toMatchObject({
      columnNames: ['PAYMENT_METHOD', 'TRANSACTION_COUNT', 'TOTAL_AMOUNT', 'DISTINCT_USERS', 'EXTRA_COLUMN'],
      columnTypes: ['STRING', 'BIGINT', 'DOUBLE', 'BIGINT', 'STRING'],
    });
    expect(added.slice(1).every((l) => (JSON.parse(l) as unknown[]).length === 5)).toBe(true);

    standin.faults.add({ fault: 'schemaRemoved' });
    const removed = lines((await queryStream(transport, standin.url, STREAM_SQL)).body);
    expect((json(removed[0]!).columnNames as string[]).at(-1)).toBe('PRODUCTS');
    expect(removed.slice(1).every((l) => (JSON.parse(l) as unknown[]).length === 8)).toBe(true);
  });

  it('stall: header (and afterRows rows) then silence, then the rest', async () => {
    standin.faults.add({ fault: 'stall', afterRows: 2, stallMs: 400 });
    const started = Date.now();
    let firstBytesAt = 0;
    const res = await queryStream(transport, standin.url, STREAM_SQL, undefined, {
      onChunk: () => { firstBytesAt ||= Date.now(); },
    });
    expect(firstBytesAt - started).toBeLessThan(300);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    expect(lines(res.body)).toHaveLength(1 + standin.dataset.transactions.length);

    standin.faults.add({ fault: 'stall', stallMs: 60_000 });
    const timedOut = await queryStream(transport, standin.url, STREAM_SQL, undefined, { timeoutMs: 300 });
    expect(timedOut.error).toBeDefined();
    expect(lines(timedOut.body)).toHaveLength(1);
  });

  it('close-query ends a stalled stream normally', async () => {
    standin.faults.add({ fault: 'stall', afterRows: 1, stallMs: 60_000 });
    let closing: Promise<unknown> | undefined;
    const res = await queryStream(transport, standin.url, STREAM_SQL, 'application/vnd.ksql.v1+json', {
      onChunk: (body) => {
        const id = /"queryId":"([^"]+)"/.exec(body)?.[1];
        if (id && !closing) closing = request(transport, standin.url, { path: '/close-query', body: { queryId: id } });
      },
    });
    expect(await closing).toMatchObject({ status: 200, body: '' });
    expect(res.error).toBeUndefined();
    expect(res.body.match(/\{"row"/g)).toHaveLength(1);
    expect(res.body.endsWith(',\n{"finalMessage":"Query Completed"}]')).toBe(true);
  });
});

describe('fault matching and control', () => {
  it('applies only to matching requests and counts times', async () => {
    standin.faults.add({ fault: 'http503', match: { sqlContains: 'payment_method' }, times: 2 });
    expect((await queryStream('http1', standin.url, STREAM_SQL)).status).toBe(200);
    expect((await queryStream('http1', standin.url, 'SELECT * FROM PAYMENT_METHOD_TOTALS;')).status).toBe(503);
    expect((await queryStream('http2', standin.url, 'SELECT * FROM PAYMENT_METHOD_TOTALS;')).status).toBe(503);
    expect((await queryStream('http1', standin.url, 'SELECT * FROM PAYMENT_METHOD_TOTALS;')).status).toBe(200);
  });

  it('status faults hit other routes too when their path matches', async () => {
    standin.faults.add({ fault: 'http503', match: { path: '/ksql' } });
    expect((await queryStream('http1', standin.url, STREAM_SQL)).status).toBe(200);
    const res = await request('http1', standin.url, { path: '/ksql', body: { ksql: 'SHOW STREAMS;' } });
    expect(res.status).toBe(503);
  });

  it('fires a mid-stream fault at the end of a result shorter than afterRows', async () => {
    standin.faults.add({ fault: 'midStreamError', afterRows: 1000 });
    const body = lines((await queryStream('http1', standin.url, 'SELECT * FROM payment_method_totals;')).body);
    expect(body).toHaveLength(1 + 5 + 1);
    expect(json(body.at(-1)!).error_code).toBe(50000);
  });

  it('is driven over HTTP by another process: POST, GET, DELETE /_standin/faults', async () => {
    const bad = await http1Request(standin.url, { path: '/_standin/faults', body: { fault: 'explode' } });
    expect(bad.status).toBe(400);
    const added = await http1Request(standin.url, {
      path: '/_standin/faults', body: { rules: [{ fault: 'http429', times: 0 }, { fault: 'cut', afterRows: 2 }] },
    });
    expect(json(added.body)).toEqual({ added: 2 });
    const listed = json((await http1Request(standin.url, { path: '/_standin/faults' })).body);
    expect(listed.rules).toEqual([
      { fault: 'http429', times: 0, remaining: null },
      { fault: 'cut', times: 1, afterRows: 2, remaining: 1 },
    ]);
    expect((await queryStream('http1', standin.url, STREAM_SQL)).status).toBe(429);
    expect((await queryStream('http1', standin.url, STREAM_SQL)).status).toBe(429);
    const cleared = await http1Request(standin.url, { path: '/_standin/faults', method: 'DELETE' });
    expect(json(cleared.body)).toEqual({ cleared: 2 });
    expect((await queryStream('http1', standin.url, STREAM_SQL)).status).toBe(200);
  });
});
