import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandin, type Standin } from '../../standin/index.js';
import { lines, queryStream, request, type Transport } from '../unit/standin/support/raw-http.js';

// Every refusal, with the status and envelope a real ksqlDB (CP 7.4–7.9) sends.
let standin: Standin;
beforeAll(async () => { standin = await startStandin({ rowsPerDay: 100 }); });
afterAll(() => standin.close());

const HELP = ' See https://cnfl.io/queries for more info.\nAdd EMIT CHANGES if you intended to issue a push query.';

function statementError(message: string, sql: string) {
  return { '@type': 'statement_error', error_code: 40001, message: `${message}\nStatement: ${sql}`, statementText: sql, entities: [] };
}

describe.each<Transport>(['http1', 'http2'])('/query-stream rejections over %s', (transport) => {
  it.each([
    ['SELECT * FROM nonexistent;', 'Exception while preparing statement: NONEXISTENT does not exist.'],
    ['SELECT ROWOFFSET, * FROM transaction_stream;', `Pull queries don't support the following columns in SELECT clauses: \`ROWOFFSET\`\n${HELP}`],
    ['SELECT * FROM transaction_stream WHERE ROWPARTITION = 0;', `Pull queries don't support the following columns in WHERE clauses: \`ROWPARTITION\`\n${HELP}`],
    ['SELECT * FROM blacklist;',
      "The `BLACKLIST` table isn't queryable. To derive a queryable table, you can do 'CREATE TABLE QUERYABLE_BLACKLIST AS SELECT * FROM BLACKLIST'. See https://cnfl.io/queries for more info.\nAdd EMIT CHANGES if you intended to issue a push query."],
    ['SELECT * FROM transaction_stream', "line 1:33: mismatched input '<EOF>' expecting ';'"],
    ['SELECT * FROM transaction_stream; SELECT * FROM transaction_stream;', 'Expected exactly one KSQL statement; found 2 instead'],
    ['SLECTT * FROM transaction_stream;', "line 1:1: Syntax Error\nUnknown statement 'SLECTT'\nDid you mean 'SELECT'?"],
    ['SHOW STREAMS;', 'Neither a query nor a print statement'],
    ['SELECT nope FROM transaction_stream;', "SELECT column 'NOPE' cannot be resolved."],
    ['SELECT * FROM transaction_stream LIMIT -1;', `Pull queries don't support negative integers in the LIMIT clause.${HELP}`],
  ])('%s', async (sql, message) => {
    const res = await queryStream(transport, standin.url, sql);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBeUndefined();
    expect(JSON.parse(res.body)).toEqual(statementError(message, sql));
  });

  it.each([
    ['{"sql":"SELECT * FROM transaction_stream;"', 'Invalid JSON in request: Unexpected end-of-input: expected close marker for Object'],
    ['not json', 'Invalid JSON in request: Unexpected character'],
    ['{"properties":{}}', "Invalid JSON in request: Missing required creator property 'sql' (index 0)"],
    ['[1]', 'Invalid JSON in request: Cannot construct instance of `io.confluent.ksql.rest.entity.QueryStreamArgs`'],
    ['', 'Invalid JSON in request: No content to map due to end-of-input'],
  ])('bad body %s', async (body, prefix) => {
    const res = await request(transport, standin.url, { path: '/query-stream', body });
    expect(res.status).toBe(400);
    const parsed = JSON.parse(res.body) as { '@type': string; error_code: number; message: string };
    expect(parsed['@type']).toBe('generic_error');
    expect(parsed.error_code).toBe(40000);
    expect(parsed.message.startsWith(prefix)).toBe(true);
  });
});

describe('what the stand-in still allows', () => {
  it('push-queries the non-queryable BLACKLIST table', async () => {
    const res = await request('http1', standin.url, {
      path: '/query-stream',
      body: { sql: 'SELECT * FROM blacklist EMIT CHANGES;', properties: { 'ksql.streams.auto.offset.reset': 'earliest' } },
    });
    expect(res.status).toBe(200);
    expect(lines(res.body).slice(1).map((l) => JSON.parse(l)[0])).toEqual(standin.dataset.blacklist.map((b) => b.user_id).sort());
  });

  it('allows ROWPARTITION and ROWOFFSET in push queries', async () => {
    const res = await request('http1', standin.url, {
      path: '/query-stream',
      body: { sql: 'SELECT ROWPARTITION, ROWOFFSET, transaction_id FROM transaction_stream EMIT CHANGES LIMIT 2;', properties: { 'auto.offset.reset': 'earliest' } },
    });
    expect(lines(res.body).slice(1)).toEqual(['[0,0,"tx-000001"]', '[0,1,"tx-000002"]']);
  });
});

describe('/ksql rejections', () => {
  it('sends SELECT to the query endpoint with 40002', async () => {
    const res = await request('http1', standin.url, { path: '/ksql', body: { ksql: 'SELECT * FROM transaction_stream;' } });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/json');
    expect(JSON.parse(res.body)).toEqual({
      '@type': 'statement_error', error_code: 40002,
      message: "The following statement types should be issued to the websocket endpoint '/query':\n\t* PRINT\n\t* SELECT",
      statementText: 'SELECT * FROM transaction_stream;', entities: [],
    });
  });

  it('reports syntax errors without the Statement suffix', async () => {
    const res = await request('http2', standin.url, { path: '/ksql', body: { ksql: 'SHOWW STREAMS;' } });
    expect(JSON.parse(res.body)).toEqual({
      '@type': 'statement_error', error_code: 40001, message: "line 1:1: Syntax Error\nUnknown statement 'SHOWW'\nDid you mean 'SHOW'?",
      statementText: 'SHOWW STREAMS;', entities: [],
    });
  });

  it('validates every statement before running any', async () => {
    const before = standin.dataset.blacklist.length;
    const res = await request('http1', standin.url, {
      path: '/ksql',
      body: { ksql: "INSERT INTO blacklist (user_id, reason, added_at) VALUES ('user-77', 'test', 1); DESCRIBE foo;" },
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error_code: 40001, message: "Could not find STREAM/TABLE 'FOO' in the Metastore", statementText: 'DESCRIBE foo;' });
    expect(standin.dataset.blacklist).toHaveLength(before);
  });

  it('refuses to create a source that exists, and statements it does not implement', async () => {
    const create = await request('http1', standin.url, { path: '/ksql', body: { ksql: "CREATE STREAM transaction_stream (a INT) WITH (kafka_topic='t', value_format='json');" } });
    expect(JSON.parse(create.body).message).toBe("Cannot add stream 'TRANSACTION_STREAM': A stream with the same name already exists");
    const drop = await request('http1', standin.url, { path: '/ksql', body: { ksql: 'DROP TABLE payment_method_totals;' } });
    expect(drop.status).toBe(400);
    expect(JSON.parse(drop.body).message).toContain('does not support DROP TABLE');
  });
});

describe('other routes', () => {
  it('close-query: unknown id and missing field', async () => {
    const unknown = await request('http1', standin.url, { path: '/close-query', body: { queryId: 'xyzfasgf' } });
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body)).toEqual({ '@type': 'generic_error', error_code: 40000, message: 'No query with id xyzfasgf' });
    const missing = await request('http2', standin.url, { path: '/close-query', body: {} });
    expect(JSON.parse(missing.body).message).toMatch(/^Invalid JSON in request: Missing required creator property 'queryId'/);
  });

  it('404 for an unknown path, 405 for a wrong method', async () => {
    expect((await request('http1', standin.url, { path: '/nope' })).status).toBe(404);
    expect((await request('http1', standin.url, { path: '/ksql' })).status).toBe(405);
  });
});
