import { describe, expect, it } from 'vitest';
import { KsqlProtocolError, KsqlStatementError, KsqlTruncatedResponseError, KsqlUnavailableError } from '../../../ksqldb/errors.js';
import { clientFor, failureOf, PROTOCOLS } from './support/client-helpers.js';
import { type FakeHandler, reply, sleep, useFakeKsqlDb, startStream } from './support/fake-ksqldb.js';
import { fixture, fixtureText } from './support/fixtures.js';

const fake = useFakeKsqlDb();

/** Answers /ksql by the statement text, /info with the recorded 7.5.0 body. */
function ksqlServer(answers: Record<string, [number, string]>): FakeHandler {
  return (ex) => {
    if (ex.path === '/info') return reply(ex, 200, fixture('info-7.5.0.json'), { 'content-type': 'application/json' });
    const { ksql } = JSON.parse(ex.body) as { ksql: string };
    const [status, text] = answers[ksql] ?? [400, fixtureText('error-40001-statement.json')];
    reply(ex, status, text, { 'content-type': 'application/json' });
  };
}

for (const protocol of ['auto', ...PROTOCOLS] as const) {
  describe(`statements (protocol ${protocol})`, () => {
    const client = () => clientFor(fake.server.url, { protocol });

    it('info() reads GET /info once and caches it', async () => {
      fake.handler = ksqlServer({});
      const c = client();
      expect(await c.info()).toEqual({
        version: '7.5.0',
        kafkaClusterId: 'j3tOi6E_RtO_TMH3gBmK7A',
        ksqlServiceId: 'default_',
        serverStatus: 'RUNNING',
      });
      await c.info();
      expect(fake.server.requests.filter((r) => r.path === '/info')).toHaveLength(1);
      expect(fake.server.requests[0]!.method).toBe('GET');
    });

    it('info() does not cache a failure', async () => {
      let calls = 0;
      fake.handler = (ex) =>
        ++calls === 1 ? reply(ex, 503, fixtureText('error-50302.json')) : reply(ex, 200, fixture('info-7.5.0.json'));
      const c = client();
      expect(await failureOf(c.info())).toBeInstanceOf(KsqlUnavailableError);
      expect((await c.info()).version).toBe('7.5.0');
    });

    it('listStreams() and listTables() map SHOW STREAMS / SHOW TABLES', async () => {
      fake.handler = ksqlServer({
        'SHOW STREAMS;': [200, fixtureText('show-streams.json')],
        'SHOW TABLES;': [200, fixtureText('show-tables.json')],
      });
      const c = client();
      expect(await c.listStreams()).toEqual([
        { type: 'STREAM', name: 'TRANSACTION_STREAM', topic: 'transactions', keyFormat: 'KAFKA', valueFormat: 'JSON', isWindowed: false },
        { type: 'STREAM', name: 'KSQL_PROCESSING_LOG', topic: 'default_ksql_processing_log', keyFormat: 'KAFKA', valueFormat: 'JSON', isWindowed: false },
      ]);
      expect((await c.listTables()).map((t) => t.name)).toEqual(['USER_TRANSACTION_SUMMARY']);
      const request = fake.server.requests.find((r) => r.path === '/ksql')!;
      expect(request.method).toBe('POST');
      expect(request.headers.accept).toBe('application/vnd.ksql.v1+json');
      expect(JSON.parse(request.body)).toEqual({ ksql: 'SHOW STREAMS;', streamsProperties: {} });
    });

    it('describe() maps DESCRIBE to columns with parsed types, key flags and the timestamp column', async () => {
      fake.handler = ksqlServer({
        'DESCRIBE transaction_stream;': [200, fixtureText('describe-transaction-stream.json')],
        'DESCRIBE payment_method_totals;': [200, fixtureText('describe-keyed-table.json')],
      });
      const c = client();
      const stream = await c.describe('transaction_stream');
      expect(stream).toMatchObject({
        name: 'TRANSACTION_STREAM',
        type: 'STREAM',
        topic: 'transactions',
        timestampColumn: 'TIMESTAMP',
        keyFormat: 'KAFKA',
        valueFormat: 'JSON',
      });
      expect(stream.columns).toEqual([
        { name: 'TRANSACTION_ID', type: { kind: 'scalar', name: 'STRING' }, key: false },
        { name: 'AMOUNT', type: { kind: 'scalar', name: 'DOUBLE' }, key: false },
        {
          name: 'PRODUCTS',
          key: false,
          type: {
            kind: 'array',
            element: {
              kind: 'struct',
              fields: [
                { name: 'PRODUCT_ID', type: { kind: 'scalar', name: 'STRING' } },
                { name: 'QUANTITY', type: { kind: 'scalar', name: 'INTEGER' } },
              ],
            },
          },
        },
      ]);
      expect(stream.readQueries).toEqual([
        { id: 'CSAS_TRANSACTION_FLATTENED_3', queryString: expect.stringMatching(/^CREATE STREAM TRANSACTION_FLATTENED/), state: 'RUNNING' },
      ]);
      expect(stream.writeQueries).toEqual([]);
      const table = await c.describe('payment_method_totals');
      expect(table.timestampColumn).toBeNull();
      expect(table.columns).toEqual([
        { name: 'PAYMENT_METHOD', type: { kind: 'scalar', name: 'STRING' }, key: true },
        { name: 'TOTAL', type: { kind: 'decimal', precision: 10, scale: 2 }, key: false },
        { name: 'TAGS', type: { kind: 'map', key: { kind: 'scalar', name: 'STRING' }, value: { kind: 'scalar', name: 'BIGINT' } }, key: false },
      ]);
    });

    it('describe() of an unknown source is a terminal KsqlStatementError', async () => {
      fake.handler = ksqlServer({ 'DESCRIBE foo;': [400, fixtureText('error-40001-describe-unknown.json')] });
      const error = await failureOf(client().describe('foo'));
      expect(error).toBeInstanceOf(KsqlStatementError);
      expect(error).toMatchObject({ errorCode: 40001, retryable: false, statementText: 'DESCRIBE foo;' });
      expect(error.message).toBe(`POST /ksql "DESCRIBE foo;": 40001 Could not find STREAM/TABLE 'FOO' in the Metastore`);
    });

    it('describe() refuses a name that is not an identifier', async () => {
      fake.handler = ksqlServer({});
      await expect(client().describe('x; DROP STREAM y')).rejects.toThrow(RangeError);
      expect(fake.server.requests).toHaveLength(0);
    });

    it('executeStatement() posts ksql and streamsProperties and returns the raw entities', async () => {
      fake.handler = ksqlServer({ 'CREATE STREAM X;': [200, fixtureText('create-stream-status.json')] });
      const entities = await client().executeStatement('CREATE STREAM X;', { 'ksql.streams.auto.offset.reset': 'earliest' });
      expect(entities).toEqual(JSON.parse(fixtureText('create-stream-status.json')));
      expect(JSON.parse(fake.server.requests.at(-1)!.body)).toEqual({
        ksql: 'CREATE STREAM X;',
        streamsProperties: { 'ksql.streams.auto.offset.reset': 'earliest' },
      });
    });

    it('executeStatement() of a SELECT is refused with 40002', async () => {
      fake.handler = ksqlServer({ 'SELECT * FROM transaction_stream;': [400, fixtureText('error-40002-query-endpoint.json')] });
      const error = await failureOf(client().executeStatement('SELECT * FROM transaction_stream;'));
      expect(error).toMatchObject({ name: 'KsqlStatementError', errorCode: 40002 });
    });

    it('an answer that is not the documented entity is a KsqlProtocolError', async () => {
      fake.handler = ksqlServer({ 'SHOW STREAMS;': [200, fixtureText('show-tables.json')], 'SHOW TABLES;': [200, 'not json'] });
      const c = client();
      const wrong = await failureOf(c.listStreams());
      expect(wrong).toBeInstanceOf(KsqlProtocolError);
      expect(wrong.message).toMatch(/^POST \/ksql "SHOW STREAMS;": unexpected answer/);
      expect(await failureOf(c.listTables())).toBeInstanceOf(KsqlProtocolError);
    });

    it('a /ksql answer cut off mid-body is a truncation', async () => {
      fake.handler = async (ex) => {
        startStream(ex, 'application/json');
        await ex.write(fixtureText('show-streams.json').slice(0, 50));
        await sleep(30);
        ex.cut();
      };
      expect(await failureOf(client().listStreams())).toBeInstanceOf(KsqlTruncatedResponseError);
    });
  });
}
