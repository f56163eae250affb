import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createSecureServer, type Http2SecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import { type AddressInfo, createServer as createNetServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KsqlAuthError, KsqlTimeoutError } from '../../../ksqldb/errors.js';
import { clientFor, closeClients, drain, failureOf, PROTOCOLS } from './support/client-helpers.js';
import { fixture } from './support/fixtures.js';

let dir: string;
let caFile: string;
let server: Http2SecureServer;
let url: string;
const seen: string[] = [];
/** Plays ksqlDB 0.23.1 (HTTP/2-only /query-stream) instead of 7.5.0. */
let old = false;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ksqldb-tls-'));
  caFile = join(dir, 'cert.pem');
  // A self-signed certificate for 127.0.0.1: trusted only when passed as caFile.
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout', join(dir, 'key.pem'), '-out', caFile,
  ], { stdio: 'ignore' });
  // ALPN picks h2 or http/1.1 per connection, like ksqlDB's TLS listener.
  server = createSecureServer(
    { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(caFile), allowHTTP1: true },
    (req: Http2ServerRequest, res: Http2ServerResponse) => {
      seen.push(`${req.httpVersion} ${req.url}`);
      if (req.url === '/info') {
        const version = old ? '0.23.1' : '7.5.0';
        res.end(JSON.stringify({ KsqlServerInfo: { version, kafkaClusterId: 'k', ksqlServiceId: 'd', serverStatus: 'RUNNING' } }));
      } else if (old && req.url === '/query-stream' && req.httpVersion !== '2.0') {
        res.writeHead(400).end('{"@type":"generic_error","error_code":40004,"message":"This endpoint is only available when using HTTP2"}');
      } else {
        res.end(fixture('pull-default-mime.delimited.txt'));
      }
    },
  );
  server.on('secureConnection', (socket) => socket.on('error', () => {}));
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await closeClients();
  seen.length = 0;
  old = false;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

for (const protocol of PROTOCOLS) {
  describe(`TLS over ${protocol}`, () => {
    it('queries with the CA from caFile', async () => {
      const client = clientFor(url, { protocol, tls: { caFile } });
      expect(await drain(await client.query('SELECT * FROM t;'))).toHaveLength(2);
      expect(seen).toEqual([`${protocol === 'http2' ? '2.0' : '1.1'} /query-stream`]);
    });

    it('refuses an untrusted certificate with a terminal KsqlAuthError', async () => {
      const error = await failureOf(clientFor(url, { protocol }).query('SELECT * FROM t;'));
      expect(error).toBeInstanceOf(KsqlAuthError);
      expect(error).toMatchObject({ retryable: false });
      expect(error.message).toMatch(/certificate rejected/);
    });

    it('accepts it when verification is switched off', async () => {
      const client = clientFor(url, { protocol, tls: { rejectUnauthorized: false } });
      expect(await drain(await client.query('SELECT * FROM t;'))).toHaveLength(2);
    });

    it('reports an unreadable caFile as a terminal KsqlAuthError', async () => {
      const error = await failureOf(clientFor(url, { protocol, tls: { caFile: join(dir, 'missing.pem') } }).info());
      expect(error).toBeInstanceOf(KsqlAuthError);
      expect(error.message).toMatch(/cannot read TLS caFile .*missing\.pem \(ENOENT\)/);
    });
  });
}

it('auto picks ALPN h2 for an old server behind TLS, HTTP/1.1 for a new one', async () => {
  old = true;
  const client = clientFor(url, { tls: { caFile } });
  expect(await drain(await client.query('SELECT * FROM t;'))).toHaveLength(2);
  expect(seen).toEqual(['1.1 /info', '2.0 /query-stream']);
  old = false;
  seen.length = 0;
  expect(await drain(await clientFor(url, { tls: { caFile } }).query('SELECT * FROM t;'))).toHaveLength(2);
  expect(seen).toEqual(['1.1 /info', '1.1 /query-stream']);
});

describe('connect timeout', () => {
  let silent: Server;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    // Accepts TCP but never answers the TLS ClientHello.
    silent = createNetServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  for (const protocol of PROTOCOLS) {
    it(`gives a retryable KsqlTimeoutError when the handshake never completes (${protocol})`, async () => {
      const port = (silent.address() as AddressInfo).port;
      const started = Date.now();
      const error = await failureOf(
        clientFor(`https://127.0.0.1:${port}`, { protocol, connectTimeoutMs: 300, tls: { caFile } }).query('SELECT * FROM t;'),
      );
      expect(error).toBeInstanceOf(KsqlTimeoutError);
      expect(error).toMatchObject({ retryable: true });
      expect(error.message).toMatch(/connect timeout/);
      expect(Date.now() - started).toBeLessThan(3_000);
    });
  }
});
