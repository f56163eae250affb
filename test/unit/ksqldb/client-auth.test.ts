import { describe, expect, it } from 'vitest';
import { KsqlAuthError, KsqlUnavailableError } from '../../../ksqldb/errors.js';
import { clientFor, failureOf, PROTOCOLS } from './support/client-helpers.js';
import { type FakeHandler, reply, useFakeKsqlDb } from './support/fake-ksqldb.js';
import { fixture, fixtureText } from './support/fixtures.js';

const USER = 'etl-user';
const PASSWORD = 'Tr0ub4dor&3-secret';
const TOKEN = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');

const fake = useFakeKsqlDb();

/** A ksqlDB with Basic auth: 401 without the right header, 403 for a user without the role. */
const authServer: FakeHandler = (ex) => {
  if (ex.headers.authorization !== `Basic ${TOKEN}`) return reply(ex, 401, fixtureText('error-40100.json'));
  if (ex.path === '/info') return reply(ex, 200, fixture('info-7.5.0.json'));
  if (ex.path === '/ksql') return reply(ex, 200, fixture('show-streams.json'));
  return reply(ex, 200, fixture('pull-default-mime.delimited.txt'));
};

function expectNoSecret(error: Error, ...secrets: string[]): void {
  const everything = [JSON.stringify(error), String(error), error.stack ?? '', error.message].join('\n');
  for (const secret of [PASSWORD, TOKEN, ...secrets]) expect(everything).not.toContain(secret);
}

for (const protocol of PROTOCOLS) {
  describe(`Basic auth over ${protocol}`, () => {
    it('sends the Authorization header on /info, /ksql and /query-stream', async () => {
      fake.handler = authServer;
      const client = clientFor(fake.server.url, { protocol, auth: { username: USER, password: PASSWORD } });
      await client.info();
      await client.listStreams();
      for await (const row of (await client.query('SELECT * FROM t;')).rows) expect(row.kind).toBe('row');
      expect(fake.server.requests.map((r) => r.headers.authorization)).toEqual(Array(3).fill(`Basic ${TOKEN}`));
    });

    it('takes credentials embedded in the URL and never sends them in the URL', async () => {
      fake.handler = authServer;
      const url = fake.server.url.replace('http://', `http://${USER}:${encodeURIComponent(PASSWORD)}@`);
      const client = clientFor(url, { protocol });
      await client.listStreams();
      expect(fake.server.requests[0]!.headers.authorization).toBe(`Basic ${TOKEN}`);
      expect(fake.server.requests[0]!.path).toBe('/ksql');
      expect(JSON.stringify(client)).not.toContain(PASSWORD);
    });

    it('a wrong password is a terminal KsqlAuthError that does not contain the password', async () => {
      fake.handler = authServer;
      const wrong = 'wrong-password-123';
      const client = clientFor(fake.server.url, { protocol, auth: { username: USER, password: wrong } });
      for (const attempt of [client.info(), client.listStreams(), client.query('SELECT * FROM t;')]) {
        const error = await failureOf(attempt);
        expect(error).toBeInstanceOf(KsqlAuthError);
        expect(error).toMatchObject({ retryable: false, status: 401, errorCode: 40100 });
        expectNoSecret(error, wrong, Buffer.from(`${USER}:${wrong}`).toString('base64'));
      }
    });

    it('403 is a terminal KsqlAuthError', async () => {
      fake.handler = (ex) => reply(ex, 403, fixtureText('error-40300.json'));
      const error = await failureOf(clientFor(fake.server.url, { protocol, auth: { username: USER, password: PASSWORD } }).listTables());
      expect(error).toMatchObject({ name: 'KsqlAuthError', status: 403, retryable: false });
    });

    it('scrubs the secret even when the server echoes the Authorization header into its error', async () => {
      fake.handler = (ex) =>
        reply(ex, 500, JSON.stringify({
          '@type': 'generic_error',
          error_code: 50000,
          message: `failed for ${ex.headers.authorization} (${PASSWORD})`,
        }));
      const client = clientFor(fake.server.url, { protocol, auth: { username: USER, password: PASSWORD } });
      for (const attempt of [client.listStreams(), client.query(`SELECT * FROM t;`)]) {
        const error = await failureOf(attempt);
        expect(error).toBeInstanceOf(KsqlUnavailableError);
        expect(error.message).toContain('failed for Basic ***');
        expectNoSecret(error);
      }
    });

    it('keeps URL-embedded credentials out of connection errors', async () => {
      const { port } = fake.server;
      await fake.server.close();
      const client = clientFor(`http://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}`, { protocol });
      for (const attempt of [client.info(), client.query('SELECT * FROM t;')]) {
        const error = await failureOf(attempt);
        expect(error).toBeInstanceOf(KsqlUnavailableError);
        expectNoSecret(error);
        expectNoSecret(error.cause as Error);
      }
    });
  });
}
