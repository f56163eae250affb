import { describe, expect, it } from 'vitest';
import { KsqlUnsupportedError } from '../../../ksqldb/errors.js';
import { clientFor, drain, failureOf } from './support/client-helpers.js';
import { type FakeHandler, reply, useFakeKsqlDb } from './support/fake-ksqldb.js';
import { fixture, fixtureText } from './support/fixtures.js';

const fake = useFakeKsqlDb();

/**
 * A server of a given version: /query-stream over HTTP/1.1 answers 40004 before 0.24 / CP 7.2
 * (or always, with `http1QueryStream: false`, to play a proxy that hides the real version).
 */
function versionedServer(version: string, http1QueryStream: boolean): FakeHandler {
  return (ex) => {
    if (ex.path === '/info') {
      return reply(ex, 200, JSON.stringify({ KsqlServerInfo: { version, kafkaClusterId: 'k', ksqlServiceId: 'default_', serverStatus: 'RUNNING' } }));
    }
    if (ex.path === '/query-stream' && ex.protocol === 'http1' && !http1QueryStream) {
      return reply(ex, 400, fixtureText('error-40004-http2-only.json'));
    }
    if (ex.path === '/ksql') return reply(ex, 200, fixture('show-streams.json'));
    return reply(ex, 200, fixture('pull-default-mime.delimited.txt'));
  };
}

const queryProtocols = () => fake.server.requests.filter((r) => r.path === '/query-stream').map((r) => r.protocol);

describe('protocol auto-selection', () => {
  it.each([
    ['0.23.1', false, 'http2'],
    ['7.1.0', false, 'http2'],
    ['0.24.0', true, 'http1'],
    ['7.5.0', true, 'http1'],
  ] as const)('version %s → /query-stream over the right protocol', async (version, http1Ok, expected) => {
    fake.handler = versionedServer(version, http1Ok);
    const client = clientFor(fake.server.url);
    expect(await drain(await client.query('SELECT * FROM t;'))).toHaveLength(2);
    expect(queryProtocols()).toEqual([expected]);
    expect(fake.server.requests[0]).toMatchObject({ path: '/info', protocol: 'http1' });
  });

  it('reads /info once for many queries', async () => {
    fake.handler = versionedServer('0.23.1', false);
    const client = clientFor(fake.server.url);
    await drain(await client.query('SELECT * FROM t;'));
    await drain(await client.query('SELECT * FROM t;'));
    expect(fake.server.requests.filter((r) => r.path === '/info')).toHaveLength(1);
    expect(queryProtocols()).toEqual(['http2', 'http2']);
  });

  it('forcing HTTP/1.1 on an old server gives a terminal KsqlUnsupportedError (40004)', async () => {
    fake.handler = versionedServer('0.23.1', false);
    const error = await failureOf(clientFor(fake.server.url, { protocol: 'http1' }).query('SELECT * FROM t;'));
    expect(error).toBeInstanceOf(KsqlUnsupportedError);
    expect(error).toMatchObject({ errorCode: 40004, retryable: false });
    expect(error.message).toBe('POST /query-stream "SELECT * FROM t;": 40004 This endpoint is only available when using HTTP2');
  });

  it('under auto, believes a 40004 over the version string and switches to HTTP/2 for good', async () => {
    fake.handler = versionedServer('7.5.0', false);
    const client = clientFor(fake.server.url);
    expect(await drain(await client.query('SELECT * FROM t;'))).toHaveLength(2);
    expect(await drain(await client.query('SELECT * FROM t;'))).toHaveLength(2);
    expect(queryProtocols()).toEqual(['http1', 'http2', 'http2']);
  });

  it('sends statements over HTTP/1.1 under auto, without asking /info', async () => {
    fake.handler = versionedServer('0.23.1', false);
    await clientFor(fake.server.url).listStreams();
    expect(fake.server.requests.map((r) => [r.path, r.protocol])).toEqual([['/ksql', 'http1']]);
  });
});
