import { once } from 'node:events';
import type { Exchange } from './exchange.js';

/**
 * Response helpers. Two header styles exist in ksqlDB: the old REST resources (`/ksql`,
 * `/info`, `/healthcheck`) always say `application/json`, while errors raised through Vert.x's
 * FailureHandler (most /query-stream and /close-query errors, auth, 503) carry no Content-Type.
 */
export function sendJson(ex: Exchange, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  ex.res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  ex.res.end(text);
}

/** An error the way FailureHandler writes it: status + envelope, no Content-Type. */
export function sendFailure(ex: Exchange, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  ex.res.writeHead(status, { 'content-length': Buffer.byteLength(text), ...headers });
  ex.res.end(text);
}

export function sendEmpty(ex: Exchange, status: number, headers: Record<string, string> = {}): void {
  ex.res.writeHead(status, { 'content-length': 0, ...headers });
  ex.res.end();
}

/** Thrown by a streaming write when the client has gone: stop producing rows. */
export class ClientGoneError extends Error {
  override name = 'ClientGoneError';
}

/**
 * Writes one chunk and, when the socket buffer is full, waits for 'drain' (or for the client to
 * go away), so a slow reader slows the producer instead of filling memory.
 */
export async function writeChunk(ex: Exchange, chunk: string): Promise<void> {
  if (ex.isClosed()) throw new ClientGoneError('client went away');
  if (ex.res.write(chunk)) return;
  await Promise.race([once(ex.res as unknown as NodeJS.EventEmitter, 'drain'), ex.closed]);
  if (ex.isClosed()) throw new ClientGoneError('client went away');
}
