import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandin, type Standin } from '../../standin/index.js';
import { request, type Transport } from '../unit/standin/support/raw-http.js';

// Basic auth as ksqlDB answers it: 401 without / with a challenge, 403 for a user without a role.
let standin: Standin;
beforeAll(async () => {
  standin = await startStandin({
    rowsPerDay: 20,
    auth: { username: 'ksql', password: 's3cret', forbidden: { username: 'guest', password: 'guest' } },
  });
});
afterAll(() => standin.close());

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const UNAUTHORIZED = { '@type': 'generic_error', error_code: 40100, message: 'Unauthorized' };

const routes = [
  { path: '/info' },
  { path: '/ksql', body: { ksql: 'SHOW STREAMS;' } },
  { path: '/query-stream', body: { sql: 'SELECT * FROM transaction_stream;' } },
  { path: '/close-query', body: { queryId: 'x' } },
  { path: '/' },
];

describe.each<Transport>(['http1', 'http2'])('auth over %s', (transport) => {
  it.each(routes)('$path: no credentials → 401, no challenge', async (route) => {
    const res = await request(transport, standin.url, route);
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toEqual(UNAUTHORIZED);
    expect(res.headers['www-authenticate']).toBeUndefined();
  });

  it.each(routes)('$path: wrong password → 401 with Basic challenge', async (route) => {
    const res = await request(transport, standin.url, { ...route, headers: { authorization: basic('ksql', 'nope') } });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toEqual(UNAUTHORIZED);
    expect(res.headers['www-authenticate']).toBe('Basic realm=""');
  });

  it('a non-Basic scheme is 401 without challenge', async () => {
    const res = await request(transport, standin.url, { path: '/info', headers: { authorization: 'Bearer abc' } });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBeUndefined();
  });

  it('a user without a role → 403', async () => {
    const res = await request(transport, standin.url, { path: '/ksql', body: { ksql: 'SHOW TABLES;' }, headers: { authorization: basic('guest', 'guest') } });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toEqual({ '@type': 'generic_error', error_code: 40300, message: 'Forbidden' });
  });

  it('good credentials pass; /healthcheck needs none', async () => {
    const auth = { authorization: basic('ksql', 's3cret') };
    expect((await request(transport, standin.url, { path: '/info', headers: auth })).status).toBe(200);
    const rows = await request(transport, standin.url, { path: '/query-stream', body: { sql: 'SELECT * FROM payment_method_totals;' }, headers: auth });
    expect(rows.status).toBe(200);
    expect((await request(transport, standin.url, { path: '/healthcheck' })).status).toBe(200);
  });
});
