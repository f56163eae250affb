/**
 * A throwaway server for client tests: HTTP/1.1 and h2c (prior knowledge) on one port, like a
 * ksqlDB listener, with full control over how each response is written, stalled or cut.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach } from 'vitest';
import { closeClients } from './client-helpers.js';
import { createDualProtocolServer } from '../../../../standin/http/dual-protocol-server.js';

export interface FakeExchange {
  protocol: 'http1' | 'http2';
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  res: ServerResponse | Http2ServerResponse;
  /** Writes and waits for 'drain' when the write was buffered: the server never runs ahead of TCP. */
  write(data: string | Buffer): Promise<void>;
  /** Ends the response abnormally: HTTP/1.1 destroys the socket, HTTP/2 resets the stream (RST_STREAM). */
  cut(): void;
  /** Drops the whole connection (HTTP/2: the session, without GOAWAY). */
  killConnection(): void;
  /** Resolves when the response is closed, either end. */
  closed: Promise<void>;
  /** Whether the response was still unfinished when it closed (the client went away). */
  readonly closedEarly: boolean;
}

export type FakeHandler = (exchange: FakeExchange) => void | Promise<void>;

export interface FakeKsqlDb {
  url: string;
  port: number;
  requests: FakeExchange[];
  close(): Promise<void>;
}

export async function startFakeKsqlDb(handler: FakeHandler): Promise<FakeKsqlDb> {
  const requests: FakeExchange[] = [];
  const onRequest = (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const exchange = makeExchange(req, res, Buffer.concat(chunks).toString('utf8'));
      requests.push(exchange);
      Promise.resolve(handler(exchange)).catch(() => exchange.cut());
    });
  };
  // The stand-in's listener: the same protocol sniffing as the server the client meets in integration tests.
  const { server, close } = createDualProtocolServer(onRequest);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close,
  };
}

function makeExchange(
  req: IncomingMessage | Http2ServerRequest,
  res: ServerResponse | Http2ServerResponse,
  body: string,
): FakeExchange {
  const protocol = req.httpVersion === '2.0' ? 'http2' : 'http1';
  let closedEarly = false;
  const closed = new Promise<void>((resolve) =>
    res.once('close', () => {
      closedEarly = !res.writableEnded;
      resolve();
    }),
  );
  const h2 = (): Http2ServerResponse => res as Http2ServerResponse;
  return {
    protocol,
    method: req.method ?? '',
    path: req.url ?? '',
    headers: req.headers,
    body,
    res,
    get closedEarly() {
      return closedEarly;
    },
    closed,
    write: (data) =>
      new Promise<void>((resolve) => {
        if (res.destroyed || (res as ServerResponse).writableEnded) return resolve();
        const flushed = (res as ServerResponse).write(data);
        if (flushed) return resolve();
        const done = (): void => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      }),
    cut: () => {
      if (protocol === 'http2') {
        h2().stream.on('error', () => {});
        // destroy(error) sends RST_STREAM INTERNAL_ERROR without END_STREAM; close() would end first.
        h2().stream.destroy(new Error('cut by the test server'));
      } else {
        (res as ServerResponse).socket?.destroy();
      }
    },
    killConnection: () => {
      if (protocol === 'http2') h2().stream.session?.destroy();
      else (res as ServerResponse).socket?.destroy();
    },
  };
}

/** Sends a whole body with a status, in one go. */
export function reply(exchange: FakeExchange, status: number, body: string | Buffer, headers: Record<string, string> = {}): void {
  (exchange.res as ServerResponse).writeHead(status, headers);
  (exchange.res as ServerResponse).end(body);
}

/** Starts a 200 response whose body is then written piece by piece. */
export function startStream(exchange: FakeExchange, contentType = 'application/vnd.ksqlapi.delimited.v1'): void {
  (exchange.res as ServerResponse).writeHead(200, { 'content-type': contentType });
}

export function endStream(exchange: FakeExchange, data?: string | Buffer): void {
  (exchange.res as ServerResponse).end(data);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * For a test file: a fresh fake ksqlDB before each test, answering with whatever `handler` the test
 * sets, and closed (with the clients the test opened) after it.
 */
export function useFakeKsqlDb(): { readonly server: FakeKsqlDb; handler: FakeHandler } {
  let server: FakeKsqlDb | undefined;
  const fake = {
    handler: (() => undefined) as FakeHandler,
    get server(): FakeKsqlDb {
      if (!server) throw new Error('the fake ksqlDB runs only inside a test');
      return server;
    },
  };
  beforeEach(async () => {
    server = await startFakeKsqlDb((exchange) => fake.handler(exchange));
  });
  afterEach(async () => {
    await closeClients();
    await server?.close();
    server = undefined;
  });
  return fake;
}
