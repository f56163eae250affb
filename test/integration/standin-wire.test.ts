import http2 from 'node:http2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatKsqlType } from '../../ksqldb/ksql-type.js';
import { startStandin, type Standin } from '../../standin/index.js';
import { findSource } from '../../standin/data/source-catalog.js';
import { SourceStore } from '../../standin/data/source-store.js';
import { encodeRow } from '../../standin/wire/encode-value.js';
import { lines, queryStream, request, type Transport } from '../unit/standin/support/raw-http.js';

// The wire format of /query-stream, byte for byte, over both protocols on the same port.
let standin: Standin;
let expected: SourceStore;

beforeAll(async () => {
  standin = await startStandin({ rowsPerDay: 500 });
  expected = new SourceStore(structuredClone(standin.dataset.transactions), structuredClone(standin.dataset.blacklist));
});
afterAll(() => standin.close());

function expectedLines(source: string): string[] {
  const types = findSource(source)!.columns.map((c) => c.type);
  return expected.rows(source).map((r) => encodeRow(r.values, types));
}

function headerOf(source: string) {
  const columns = findSource(source)!.columns;
  return { columnNames: columns.map((c) => c.name), columnTypes: columns.map((c) => formatKsqlType(c.type)) };
}

describe.each<Transport>(['http1', 'http2'])('/query-stream over %s', (transport) => {
  it('delimited by default: header line, then every row exactly as ksqlDB serialises it', async () => {
    const res = await queryStream(transport, standin.url, 'SELECT * FROM transaction_stream;');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.ksqlapi.delimited.v1');
    if (transport === 'http1') expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.body.endsWith('\n')).toBe(true);
    const [head, ...rows] = lines(res.body);
    expect(Object.keys(JSON.parse(head!))).toEqual(['queryId', 'columnNames', 'columnTypes']);
    expect(JSON.parse(head!)).toMatchObject(headerOf('TRANSACTION_STREAM'));
    expect(JSON.parse(head!).queryId).toMatch(/^transient_TRANSACTION_STREAM_\d+$/);
    expect(rows).toEqual(expectedLines('TRANSACTION_STREAM'));
  });

  it('treats */* like no Accept, and serialises doubles the Java way', async () => {
    const res = await queryStream(transport, standin.url, 'SELECT * FROM user_transaction_summary;', '*/*');
    const [head, ...rows] = lines(res.body);
    expect(JSON.parse(head!).queryId).toMatch(/^query_\d+$/);
    expect(rows).toEqual(expectedLines('USER_TRANSACTION_SUMMARY'));
    expect(rows.join('\n')).toMatch(/,\d+\.0,/); // some whole AVG/MAX/TOTAL keeps its .0
  });

  it('application/json: one JSON array, no newline', async () => {
    const res = await queryStream(transport, standin.url, 'SELECT * FROM product_purchase_counts;', 'application/json');
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.body).not.toContain('\n');
    const parsed = JSON.parse(res.body) as unknown[];
    expect(parsed[0]).toMatchObject(headerOf('PRODUCT_PURCHASE_COUNTS'));
    expect(res.body.slice(res.body.indexOf('},[') + 2)).toBe(`${expectedLines('PRODUCT_PURCHASE_COUNTS').join(',')}]`);
  });

  it('StreamedRow, table pull: KEY in the schema, ",\\n" between elements, no final message', async () => {
    const res = await queryStream(transport, standin.url, 'SELECT * FROM payment_method_totals;', 'application/vnd.ksql.v1+json');
    expect(res.headers['content-type']).toBe('application/vnd.ksql.v1+json');
    const rows = expectedLines('PAYMENT_METHOD_TOTALS').map((r) => `{"row":{"columns":${r}}}`);
    expect(res.body).toMatch(/^\[\{"header":\{"queryId":"query_\d+","schema":"`PAYMENT_METHOD` STRING KEY, `TRANSACTION_COUNT` BIGINT, `TOTAL_AMOUNT` DOUBLE, `DISTINCT_USERS` BIGINT"\}\},\n/);
    expect(res.body.slice(res.body.indexOf('}},\n') + 4)).toBe(`${rows.join(',\n')}]`);
  });

  it('StreamedRow, stream pull: no KEY marker, trailing ",\\n", Query Completed / Limit Reached', async () => {
    const all = await queryStream(transport, standin.url,
      "SELECT * FROM transaction_stream_blacklisted WHERE user_id = 'user-666';", 'application/vnd.ksql.v1+json');
    expect(all.body).toMatch(/^\[\{"header":\{"queryId":"transient_TRANSACTION_STREAM_BLACKLISTED_\d+","schema":"`USER_ID` STRING, `TRANSACTION_ID` STRING,/);
    expect(all.body.endsWith('"}},\n{"finalMessage":"Query Completed"}]')).toBe(true);

    const limited = await queryStream(transport, standin.url, 'SELECT * FROM transaction_flattened LIMIT 2;', 'application/vnd.ksql.v1+json');
    const [first, second] = expectedLines('TRANSACTION_FLATTENED');
    expect(limited.body.slice(limited.body.indexOf('}},\n') + 4))
      .toBe(`{"row":{"columns":${first}}},\n{"row":{"columns":${second}}},\n{"finalMessage":"Limit Reached"}]`);
  });

  it('projects ROWTIME and named columns, in the order asked', async () => {
    const res = await queryStream(transport, standin.url, 'SELECT amount, ROWTIME, transaction_id AS id FROM transaction_stream LIMIT 1;');
    const [head, row] = lines(res.body);
    expect(JSON.parse(head!)).toMatchObject({ columnNames: ['AMOUNT', 'ROWTIME', 'ID'], columnTypes: ['DOUBLE', 'BIGINT', 'STRING'] });
    const tx = standin.dataset.transactions[0]!;
    expect(JSON.parse(row!)).toEqual([tx.amount, tx.timestamp, tx.transaction_id]);
  });

  it('answers 406 to an Accept it cannot produce', async () => {
    const res = await queryStream(transport, standin.url, 'SELECT * FROM transaction_stream;', 'text/csv');
    expect(res.status).toBe(406);
    expect(res.body).toBe('');
  });

  it('serves /query (migrated): StreamedRow without Accept', async () => {
    const res = await request(transport, standin.url, { path: '/query', body: { ksql: 'SELECT * FROM payment_method_totals;', streamsProperties: {} } });
    expect(res.status).toBe(200);
    expect(res.body.startsWith('[{"header":{"queryId":"query_')).toBe(true);
  });

  it('replays a push query only from earliest, then ends (finite replay)', async () => {
    const latest = await queryStream(transport, standin.url, 'SELECT * FROM transaction_stream EMIT CHANGES;');
    expect(lines(latest.body)).toHaveLength(1);
    const earliest = await request(transport, standin.url, {
      path: '/query-stream',
      body: { sql: 'SELECT * FROM transaction_stream EMIT CHANGES LIMIT 3;', properties: { 'auto.offset.reset': 'earliest' } },
      headers: { accept: 'application/vnd.ksql.v1+json' },
    });
    expect(earliest.body.match(/\{"row"/g)).toHaveLength(3);
    expect(earliest.body.endsWith('{"finalMessage":"Limit Reached"}]')).toBe(true);
  });
});

describe('HTTP/2 multiplexing', () => {
  it('serves several queries at once on one session', async () => {
    const session = http2.connect(standin.url);
    const sources = ['TRANSACTION_STREAM', 'TRANSACTION_FLATTENED', 'USER_TRANSACTION_SUMMARY', 'PRODUCT_PURCHASE_COUNTS'];
    const bodies = await Promise.all(sources.map((source) => new Promise<string>((resolve, reject) => {
      const stream = session.request({ ':method': 'POST', ':path': '/query-stream' });
      let body = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => { body += chunk; });
      stream.on('end', () => resolve(body));
      stream.on('error', reject);
      stream.end(JSON.stringify({ sql: `SELECT * FROM ${source};` }));
    })));
    session.close();
    bodies.forEach((body, i) => expect(lines(body).slice(1)).toEqual(expectedLines(sources[i]!)));
  });
});

describe('emulating ksqlDB 0.23.1 (CP 7.1)', () => {
  let old: Standin;
  beforeAll(async () => { old = await startStandin({ rowsPerDay: 50, version: '0.23.1' }); });
  afterAll(() => old.close());

  it('refuses /query-stream over HTTP/1.1 with 40004', async () => {
    const res = await queryStream('http1', old.url, 'SELECT * FROM transaction_stream;');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ '@type': 'generic_error', error_code: 40004, message: 'This endpoint is only available when using HTTP2' });
  });

  it('serves HTTP/2 with old-style query ids, and has no StreamedRow', async () => {
    const stream = await queryStream('http2', old.url, 'SELECT * FROM transaction_stream LIMIT 1;');
    expect(JSON.parse(lines(stream.body)[0]!).queryId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    const table = await queryStream('http2', old.url, 'SELECT * FROM payment_method_totals;');
    expect(JSON.parse(lines(table.body)[0]!).queryId).toBeNull();
    expect((await queryStream('http2', old.url, 'SELECT * FROM transaction_stream;', 'application/vnd.ksql.v1+json')).status).toBe(406);
  });

  it('sends statement errors as generic_error and reports its version', async () => {
    const res = await queryStream('http2', old.url, 'SELECT * FROM nope;');
    expect(JSON.parse(res.body)).toEqual({
      '@type': 'generic_error', error_code: 40001, message: 'Exception while preparing statement: NOPE does not exist.\nStatement: SELECT * FROM nope;',
    });
    const info = await request('http1', old.url, { path: '/info' });
    expect(JSON.parse(info.body).KsqlServerInfo.version).toBe('0.23.1');
    const health = await request('http1', old.url, { path: '/healthcheck' });
    expect(JSON.parse(health.body)).not.toHaveProperty('serverState');
  });
});
