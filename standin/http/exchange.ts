import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { constants as h2, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';

/**
 * One request/response pair, the same shape for HTTP/1.1 and HTTP/2 (Node's compatibility API),
 * plus the two things the fault injector needs that differ between them: waiting for drain
 * while noticing a dead client, and breaking the response without a proper end.
 */
export interface Exchange {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  http2: boolean;
  body: Buffer;
  res: ResponseLike;
  /** true once the response is finished or the client went away */
  isClosed(): boolean;
  /** resolves when the response closes, either way */
  closed: Promise<void>;
  /**
   * HTTP/1.1: destroy the socket; HTTP/2: RST_STREAM. Bytes already written are flushed first,
   * so the client sees exactly the rows sent so far and then a broken body.
   */
  abort(): void;
}

/** The part of ServerResponse / Http2ServerResponse the routes use. */
export interface ResponseLike {
  headersSent: boolean;
  writableEnded: boolean;
  writeHead(status: number, headers?: Record<string, string | number>): unknown;
  write(chunk: string): boolean;
  end(chunk?: string): unknown;
  once(event: 'drain' | 'close', listener: () => void): unknown;
}

const MAX_BODY_BYTES = 16 * 1024 * 1024;
// A client that stopped reading never lets the buffer flush: cut anyway after this long.
const FLUSH_WAIT_MS = 1_000;

export async function createExchange(
  req: IncomingMessage | Http2ServerRequest,
  res: ServerResponse | Http2ServerResponse,
): Promise<Exchange> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk);
  }
  const http2 = req.httpVersionMajor === 2;
  const response = res as unknown as ResponseLike;
  let closed = false;
  const closedPromise = new Promise<void>((resolve) => response.once('close', () => { closed = true; resolve(); }));
  return {
    method: req.method ?? 'GET',
    path: (req.url ?? '/').split('?')[0]!,
    headers: req.headers,
    http2,
    body: Buffer.concat(chunks),
    res: response,
    isClosed: () => closed || response.writableEnded,
    closed: closedPromise,
    abort: () => {
      if (http2) {
        const stream = (res as Http2ServerResponse).stream;
        if (stream.destroyed) return;
        if (!response.headersSent) return void stream.close(h2.NGHTTP2_INTERNAL_ERROR);
        // nghttp2 drops DATA frames still queued when RST_STREAM goes out: wait until the stream
        // has handed everything over, then give the session a moment to put it on the wire.
        const deadline = Date.now() + FLUSH_WAIT_MS;
        const closeWhenFlushed = (): void => {
          if (stream.destroyed) return;
          if (stream.writableLength > 0 && Date.now() < deadline) setTimeout(closeWhenFlushed, 5);
          else setTimeout(() => stream.close(h2.NGHTTP2_INTERNAL_ERROR), 20);
        };
        closeWhenFlushed();
      } else {
        const socket = (req as IncomingMessage).socket;
        if (socket.destroyed) return;
        // An empty write completes only after everything queued before it reached the kernel.
        socket.write(Buffer.alloc(0), () => socket.destroy());
        setTimeout(() => socket.destroy(), FLUSH_WAIT_MS).unref();
      }
    },
  };
}
