import { createServer as createHttp1Server, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttp2Server, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';

/**
 * One port that speaks both HTTP/1.1 and cleartext HTTP/2 with prior knowledge (what
 * `http2.connect('http://…')` and ksqlDB's Java client do), like a Vert.x listener. The first
 * bytes of each connection decide: the HTTP/2 preface `PRI * HTTP/2.0` goes to the h2 server,
 * anything else to the HTTP/1.1 server.
 */
export type Handler = (
  req: IncomingMessage | Http2ServerRequest,
  res: ServerResponse | Http2ServerResponse,
) => void;

const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

export interface DualProtocolServer {
  server: Server;
  /** stops accepting and destroys every open connection */
  close(): Promise<void>;
}

export function createDualProtocolServer(handler: Handler): DualProtocolServer {
  // Long streams and stalls are the point of this server: no request or idle timeouts.
  const http1 = createHttp1Server({ requestTimeout: 0, keepAliveTimeout: 5_000 }, handler);
  const http2 = createHttp2Server({}, handler);
  http2.on('sessionError', () => {});
  const sockets = new Set<Socket>();

  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let seen = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      seen = Buffer.concat([seen, chunk]);
      const n = Math.min(seen.length, PREFACE.length);
      if (seen.length < PREFACE.length && seen.subarray(0, n).equals(PREFACE.subarray(0, n))) return; // need more bytes
      socket.off('data', onData);
      socket.pause();
      socket.unshift(seen);
      if (seen.subarray(0, PREFACE.length).equals(PREFACE)) {
        // The h2 session reads the unshifted bytes itself on the next tick; resuming would lose them.
        http2.emit('connection', socket);
      } else {
        http1.emit('connection', socket);
        socket.resume();
      }
    };
    socket.on('data', onData);
  });

  return {
    server,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
      http1.closeAllConnections();
    }),
  };
}
