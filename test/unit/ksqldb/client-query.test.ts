import { isLosslessNumber } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { KsqlMidStreamError, KsqlTimeoutError, KsqlTruncatedResponseError, KsqlUnavailableError } from '../../../ksqldb/errors.js';
import { ACCEPT, body, clientFor, drain, drainUntilError, failureOf, FORMATS, PROTOCOLS } from './support/client-helpers.js';
import { type FakeExchange, endStream, reply, sleep, startStream, useFakeKsqlDb } from './support/fake-ksqldb.js';
import { chunksOf, fixture } from './support/fixtures.js';

const HEADER = { queryId: 'transient_T_1', columnNames: ['ID', 'NAME'], columnTypes: ['BIGINT', 'STRING'] };
const FIXTURES = {
  delimited: 'pull-user-transaction-summary.delimited.txt',
  json: 'pull-user-transaction-count.json.txt',
} as const;

/** A push query that never ends on its own: one row every 5 ms until the client goes away. */
const endlessPushQuery = (format: 'delimited' | 'json') => async (ex: FakeExchange): Promise<void> => {
  startStream(ex);
  await ex.write(body(format, HEADER, [], { close: false }));
  for (let i = 0; !ex.res.destroyed && i < 10_000; i++) {
    await ex.write(`${format === 'json' ? ',' : ''}${JSON.stringify([i, 'x'])}${format === 'json' ? '' : '\n'}`);
    await sleep(5);
  }
};

/** The body so far of a response still streaming: every row complete, the array still open. */
const openBody = (format: 'delimited' | 'json', rows: unknown[][]): string =>
  format === 'json' ? `${body(format, HEADER, rows, { close: false })},` : body(format, HEADER, rows);

const fake = useFakeKsqlDb();

for (const protocol of PROTOCOLS) {
  for (const format of FORMATS) {
    describe(`query over ${protocol}, ${format} format`, () => {
      const client = (opts = {}) => clientFor(fake.server.url, { protocol, format, ...opts });

      it('sends the documented request and reads the recorded body', async () => {
        const recorded = fixture(FIXTURES[format]);
        fake.handler = (ex) => reply(ex, 200, recorded, { 'content-type': ACCEPT[format] });
        const result = await client().query('SELECT * FROM user_transaction_summary;', {
          properties: { 'ksql.query.pull.table.scan.enabled': true },
        });
        const rows = await drain(result);
        expect(rows.length).toBe(2);
        expect(rows.every((r) => r.kind === 'row')).toBe(true);
        expect(result.header.queryId).toBe('query_1714560000123');

        const [request] = fake.server.requests as [FakeExchange];
        expect(request.protocol).toBe(protocol);
        expect(request.method).toBe('POST');
        expect(request.path).toBe('/query-stream');
        expect(request.headers.accept).toBe(ACCEPT[format]);
        expect(request.headers['content-type']).toBe('application/json');
        expect(JSON.parse(request.body)).toEqual({
          sql: 'SELECT * FROM user_transaction_summary;',
          properties: { 'ksql.query.pull.table.scan.enabled': true },
        });
      });

      it('reads a body the server writes one byte at a time', async () => {
        const recorded = fixture(FIXTURES[format]);
        fake.handler = async (ex) => {
          startStream(ex);
          for (const byte of chunksOf(recorded, 1)) await ex.write(byte);
          endStream(ex);
        };
        const rows = await drain(await client().query('SELECT * FROM t;'));
        expect(rows.map((r) => r.kind === 'row' && r.values[0])).toEqual(['user-42', 'user-7']);
      });

      it('keeps BIGINT and DECIMAL digits exact end to end', async () => {
        fake.handler = (ex) =>
          reply(ex, 200, format === 'delimited'
            ? fixture('big-numbers.delimited.txt')
            : '[{"queryId":"q","columnNames":["ID","PRICE"],"columnTypes":["BIGINT","DECIMAL(4, 2)"]},[123456789123456789,12.30]]');
        const [row] = await drain(await client().query('SELECT * FROM t;'));
        const values = row!.kind === 'row' ? row!.values : [];
        expect(values.slice(0, 2).every(isLosslessNumber)).toBe(true);
        expect(values.slice(0, 2).map(String)).toEqual(['123456789123456789', '12.30']);
      });

      it('never returns a cut-off response as complete (connection cut after a row)', async () => {
        fake.handler = async (ex) => {
          startStream(ex);
          await ex.write(openBody(format, [[1, 'a']])); // a clean row boundary
          await sleep(50);
          ex.cut();
        };
        const result = await client().query('SELECT * FROM t;');
        const { rows, error } = await drainUntilError(result);
        expect(rows).toHaveLength(1);
        expect(error).toBeInstanceOf(KsqlTruncatedResponseError);
        expect(error).toMatchObject({ retryable: true });
        expect(error.message).toMatch(/^POST \/query-stream "SELECT \* FROM t;": /);
      });

      it('never returns a cut-off response as complete (connection cut mid-row)', async () => {
        fake.handler = async (ex) => {
          startStream(ex);
          await ex.write(body(format, HEADER, [[1, 'a'], [2, 'b']]).slice(0, -6));
          await sleep(50);
          ex.cut();
        };
        const { error } = await drainUntilError(await client().query('SELECT * FROM t;'));
        expect(error).toBeInstanceOf(KsqlTruncatedResponseError);
      });

      it('reports a cut before the header as a truncation', async () => {
        fake.handler = async (ex) => {
          startStream(ex);
          await ex.write(format === 'json' ? '[{"queryId":"q",' : '{"queryId":"q",');
          await sleep(50);
          ex.cut();
        };
        expect(await failureOf(client().query('SELECT * FROM t;'))).toBeInstanceOf(KsqlTruncatedResponseError);
      });

      it('raises an error object in the 200 stream as KsqlMidStreamError', async () => {
        fake.handler = (ex) => reply(ex, 200, fixture(`push-mid-stream-error.${format === 'json' ? 'json' : 'delimited'}.txt`));
        const { rows, error } = await drainUntilError(await client().query('SELECT * FROM t;'));
        expect(rows).toHaveLength(1);
        expect(error).toBeInstanceOf(KsqlMidStreamError);
        expect(error).toMatchObject({ errorCode: 50000, retryable: true });
      });

      it('times out when the server stalls mid-body', async () => {
        fake.handler = async (ex) => {
          startStream(ex);
          await ex.write(openBody(format, [[1, 'a']]));
          // …and nothing more, connection kept open
        };
        const result = await client({ idleTimeoutMs: 300 }).query('SELECT * FROM t;');
        const started = Date.now();
        const { rows, error } = await drainUntilError(result);
        expect(rows).toHaveLength(1);
        expect(error).toBeInstanceOf(KsqlTimeoutError);
        expect(error).toMatchObject({ retryable: true });
        expect(error.message).toMatch(/idle timeout/);
        expect(Date.now() - started).toBeLessThan(3_000);
        await fake.server.requests[0]!.closed; // the client let go of the request
      });

      it('times out when the header never comes', async () => {
        fake.handler = () => {}; // accepts the request, never answers
        const error = await failureOf(client({ idleTimeoutMs: 300 }).query('SELECT * FROM t;'));
        expect(error).toBeInstanceOf(KsqlTimeoutError);
      });

      it('does not count a slow consumer against the idle timeout', async () => {
        fake.handler = (ex) => reply(ex, 200, body(format, HEADER, [[1, 'a'], [2, 'b'], [3, 'c']]));
        const result = await client({ idleTimeoutMs: 150 }).query('SELECT * FROM t;');
        let count = 0;
        for await (const row of result.rows) {
          expect(row.kind).toBe('row');
          count++;
          await sleep(300);
        }
        expect(count).toBe(3);
      });

      it('cancel() stops reading and closes the request of an endless push query', async () => {
        fake.handler = endlessPushQuery(format);
        const result = await client().query('SELECT * FROM t EMIT CHANGES;');
        const seen: number[] = [];
        for await (const row of result.rows) {
          if (row.kind === 'row') seen.push(Number(row.values[0]));
          if (seen.length === 3) result.cancel();
        }
        expect(seen).toEqual([0, 1, 2]);
        await fake.server.requests[0]!.closed;
        expect(fake.server.requests[0]!.closedEarly).toBe(true);
      });

      it('leaving the loop early closes the request', async () => {
        fake.handler = endlessPushQuery(format);
        const result = await client().query('SELECT * FROM t EMIT CHANGES;');
        for await (const row of result.rows) {
          expect(row.kind).toBe('row');
          break;
        }
        await fake.server.requests[0]!.closed;
        expect(fake.server.requests[0]!.closedEarly).toBe(true);
      });

      it('aborts through the signal before the header', async () => {
        fake.handler = () => {};
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 100);
        const error = await failureOf(client().query('SELECT * FROM t;', { signal: controller.signal }));
        expect(error.name).toBe('AbortError');
        await fake.server.requests[0]!.closed;
      });

      it('aborts through the signal while rows stream', async () => {
        fake.handler = async (ex) => {
          startStream(ex);
          await ex.write(openBody(format, [[1, 'a']]));
        };
        const controller = new AbortController();
        const result = await client().query('SELECT * FROM t;', { signal: controller.signal });
        setTimeout(() => controller.abort(), 100);
        const { rows, error } = await drainUntilError(result);
        expect(rows).toHaveLength(1);
        expect(error.name).toBe('AbortError');
        await fake.server.requests[0]!.closed;
      });

      it('rejects at once with an already-aborted signal', async () => {
        fake.handler = (ex) => reply(ex, 200, fixture(FIXTURES[format]));
        const error = await failureOf(client().query('SELECT * FROM t;', { signal: AbortSignal.abort() }));
        expect(error.name).toBe('AbortError');
      });
    });
  }

  describe(`HTTP error statuses over ${protocol}`, () => {
    it.each([
      [400, 'error-40001-statement.json', {}, 'KsqlStatementError', false],
      [400, 'error-40000-property.json', {}, 'KsqlStatementError', false],
      [401, 'error-40100.json', { 'www-authenticate': 'Basic realm=""' }, 'KsqlAuthError', false],
      [403, 'error-40300.json', {}, 'KsqlAuthError', false],
      [406, '', {}, 'KsqlUnsupportedError', false],
      [429, 'error-42900.json', { 'retry-after': '3' }, 'KsqlUnavailableError', true],
      [500, 'error-50000.json', {}, 'KsqlUnavailableError', true],
      [502, '<html>bad gateway</html>', {}, 'KsqlUnavailableError', true],
      [503, 'error-50302.json', {}, 'KsqlUnavailableError', true],
    ] as const)('%i %s → %s', async (status, file, headers, name, retryable) => {
      const text = file.endsWith('.json') ? fixture(file) : file;
      fake.handler = (ex) => reply(ex, status, text, headers);
      const error = await failureOf(clientFor(fake.server.url, { protocol }).query('SELECT * FROM t;'));
      expect(error).toMatchObject({ name, retryable, status });
      if (status === 429) expect(error).toMatchObject({ retryAfterMs: 3000, errorCode: 42900 });
      if (status === 400) expect(error.message).toMatch(/^POST \/query-stream "SELECT \* FROM t;": 4000[01] /);
    });
  });

  describe(`connection failures over ${protocol}`, () => {
    it('classes a refused connection as KsqlUnavailableError', async () => {
      const { url } = fake.server;
      await fake.server.close();
      const error = await failureOf(clientFor(url, { protocol }).query('SELECT * FROM t;'));
      expect(error).toBeInstanceOf(KsqlUnavailableError);
      expect(error).toMatchObject({ retryable: true });
      expect(error.message).toMatch(/^POST \/query-stream "SELECT \* FROM t;": ECONNREFUSED/);
    });

    it('classes a connection reset before the response as KsqlUnavailableError', async () => {
      fake.handler = (ex) => ex.killConnection();
      const error = await failureOf(clientFor(fake.server.url, { protocol }).query('SELECT * FROM t;'));
      expect(error).toBeInstanceOf(KsqlUnavailableError);
    });
  });
}

describe('HTTP/2-specific cuts', () => {
  it('a session that dies mid-body (no RST, no GOAWAY) is a truncation', async () => {
    fake.handler = async (ex) => {
      startStream(ex);
      await ex.write(body('delimited', HEADER, [[1, 'a']]));
      await sleep(50);
      ex.killConnection();
    };
    const result = await clientFor(fake.server.url, { protocol: 'http2' }).query('SELECT * FROM t;');
    const { rows, error } = await drainUntilError(result);
    expect(rows).toHaveLength(1);
    expect(error).toBeInstanceOf(KsqlTruncatedResponseError);
  });

  it('a new session is opened after the previous one died', async () => {
    let calls = 0;
    fake.handler = (ex) => (++calls === 1 ? ex.killConnection() : reply(ex, 200, fixture(FIXTURES.delimited)));
    const client = clientFor(fake.server.url, { protocol: 'http2' });
    expect(await failureOf(client.query('SELECT * FROM t;'))).toBeInstanceOf(KsqlUnavailableError);
    expect(await drain(await client.query('SELECT * FROM t;'))).toHaveLength(2);
  });
});

describe('HTTP/1.1-specific cuts', () => {
  it('a Content-Length body that stops short is a truncation', async () => {
    fake.handler = async (ex) => {
      (ex.res as import('node:http').ServerResponse).writeHead(200, { 'content-length': '1000' });
      await ex.write(body('delimited', HEADER, [[1, 'a']]));
      await sleep(50);
      ex.cut();
    };
    const { error } = await drainUntilError(await clientFor(fake.server.url, { protocol: 'http1' }).query('SELECT * FROM t;'));
    expect(error).toBeInstanceOf(KsqlTruncatedResponseError);
    expect(error.message).toMatch(/Content-Length/);
  });

  it('keeps the connection alive across complete responses', async () => {
    fake.handler = (ex) => reply(ex, 200, fixture(FIXTURES.delimited));
    const client = clientFor(fake.server.url, { protocol: 'http1' });
    await drain(await client.query('SELECT * FROM t;'));
    await drain(await client.query('SELECT * FROM t;'));
    const sockets = fake.server.requests.map((r) => (r.res as import('node:http').ServerResponse).socket);
    expect(sockets[0]).toBe(sockets[1]);
  });
});
