/**
 * HTTP/2 transport: one session per client, cleartext with prior knowledge (h2c, what ksqlDB
 * ≤0.23 needs for /query-stream) or ALPN h2 on https. A response is complete only when the
 * server's END_STREAM arrived; a stream reset or a session that dies first is a truncation.
 */
import http2, { type ClientHttp2Session, type ClientHttp2Stream } from 'node:http2';
import { apiPath } from './client-options.js';
import { classifyKsqlError } from './classify-ksql-error.js';
import { type KsqlErrorContext, KsqlUnavailableError } from './errors.js';
import { connectHttp2Session } from './connect-http2-session.js';
import { ResponseBody } from './response-body.js';
import { responseWait } from './response-wait.js';
import type { Transport, TransportRequest, TransportResponse, TransportSettings } from './transport.js';

const { NGHTTP2_CANCEL } = http2.constants;

export class Http2Transport implements Transport {
  readonly #settings: TransportSettings;
  #session: Promise<ClientHttp2Session> | null = null;
  #activeStreams = 0;

  constructor(settings: TransportSettings) {
    this.#settings = settings;
  }

  async request(request: TransportRequest): Promise<TransportResponse> {
    if (request.signal?.aborted) throw request.signal.reason;
    const session = await this.#openSession(request.context);
    let stream: ClientHttp2Stream;
    try {
      stream = this.#startStream(session, request);
    } catch {
      // The session was closing (GOAWAY) between our check and the request: one fresh try.
      this.#session = null;
      stream = this.#startStream(await this.#openSession(request.context), request);
    }
    return this.#awaitResponse(stream, request);
  }

  /** Destroys the session: streams still open are cut off, as `KsqlDbClient.close()` promises. */
  async close(): Promise<void> {
    const pending = this.#session;
    this.#session = null;
    const session = await pending?.catch(() => null);
    if (session && !session.destroyed) session.destroy();
  }

  #openSession(context: KsqlErrorContext): Promise<ClientHttp2Session> {
    if (!this.#session) {
      const opening = connectHttp2Session(this.#settings, context);
      this.#session = opening;
      opening.then(
        (session) => {
          const forget = (): void => {
            if (this.#session === opening) this.#session = null;
          };
          session.on('close', forget);
          session.on('goaway', forget);
          if (session.closed || session.destroyed) forget();
        },
        () => {
          if (this.#session === opening) this.#session = null;
        },
      );
    }
    return this.#session;
  }

  #startStream(session: ClientHttp2Session, request: TransportRequest): ClientHttp2Stream {
    const headers = {
      ':method': request.method,
      ':path': apiPath(this.#settings.baseUrl, request.path),
      ...request.headers,
    };
    const stream = session.request(headers, { endStream: request.body === undefined });
    // An idle session must not keep the process alive, an open stream must.
    if (this.#activeStreams++ === 0) session.ref();
    stream.once('close', () => {
      if (--this.#activeStreams === 0 && !session.destroyed) session.unref();
    });
    stream.on('error', () => {}); // reported through the promise below or the body
    if (request.body !== undefined) stream.end(request.body);
    return stream;
  }

  #awaitResponse(stream: ClientHttp2Stream, request: TransportRequest): Promise<TransportResponse> {
    const { context, signal } = request;
    const { idleTimeoutMs } = this.#settings;
    return new Promise((resolve, reject) => {
      const cancel = (): void => {
        if (!stream.closed) stream.close(NGHTTP2_CANCEL);
      };
      const wait = responseWait<TransportResponse>(context, signal, { resolve, reject }, cancel);
      wait.timeoutAfter(idleTimeoutMs, `no response within ${idleTimeoutMs} ms (idle timeout)`);
      stream.once('error', (error) => wait.fail(classifyKsqlError(error, { ...context, phase: 'request' })));
      stream.once('close', () =>
        wait.fail(new KsqlUnavailableError(context, `HTTP/2 stream closed before the response (code ${stream.rstCode})`, {})),
      );
      stream.once('response', (headers) =>
        wait.succeed(() => {
          const source = {
            readable: stream,
            // END_STREAM ends the readable side; a reset or a dead session closes it first.
            endedProperly: () => stream.readableEnded && (stream.rstCode ?? 0) === 0,
            describeCut: () =>
              `HTTP/2 stream closed before END_STREAM (${stream.rstCode ? `RST_STREAM code ${stream.rstCode}` : 'session closed'})`,
            destroy: cancel,
          };
          return {
            status: Number(headers[':status']),
            headers,
            body: new ResponseBody(source, idleTimeoutMs, context, signal),
          };
        }),
      );
    });
  }
}
