/**
 * HTTP/1.1 transport over a keep-alive agent. `/query-stream` answers chunked; a socket that
 * closes before the last chunk (or before Content-Length bytes) leaves `res.complete` false,
 * which is how a cut-off result is told apart from a finished one.
 */
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { apiPath } from './client-options.js';
import { classifyKsqlError } from './classify-ksql-error.js';
import { ResponseBody } from './response-body.js';
import { responseWait } from './response-wait.js';
import type { Transport, TransportRequest, TransportResponse, TransportSettings } from './transport.js';

export class Http1Transport implements Transport {
  readonly #settings: TransportSettings;
  readonly #secure: boolean;
  readonly #agent: http.Agent;

  constructor(settings: TransportSettings) {
    this.#settings = settings;
    this.#secure = settings.baseUrl.protocol === 'https:';
    this.#agent = this.#secure
      ? new https.Agent({ keepAlive: true, ...settings.tls })
      : new http.Agent({ keepAlive: true });
  }

  request(request: TransportRequest): Promise<TransportResponse> {
    const { context, signal } = request;
    const { baseUrl, connectTimeoutMs, idleTimeoutMs } = this.#settings;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const payload = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
    return new Promise((resolve, reject) => {
      const req = (this.#secure ? https : http).request({
        protocol: baseUrl.protocol,
        hostname: baseUrl.hostname,
        port: baseUrl.port || undefined,
        method: request.method,
        path: apiPath(baseUrl, request.path),
        agent: this.#agent,
        headers: payload ? { ...request.headers, 'content-length': String(payload.length) } : request.headers,
      });
      const wait = responseWait<TransportResponse>(context, signal, { resolve, reject }, () => req.destroy());
      const awaitHead = (): void => wait.timeoutAfter(idleTimeoutMs, `no response within ${idleTimeoutMs} ms (idle timeout)`);
      req.on('socket', (socket: Socket) => {
        if (!socket.connecting) return awaitHead(); // a pooled keep-alive socket
        wait.timeoutAfter(connectTimeoutMs, `could not connect within ${connectTimeoutMs} ms (connect timeout)`);
        socket.once(this.#secure ? 'secureConnect' : 'connect', awaitHead);
      });
      // Stays attached after the response: later socket errors surface through the body instead.
      req.on('error', (error) => wait.fail(classifyKsqlError(error, { ...context, phase: 'request' })));
      req.on('response', (res) =>
        wait.succeed(() => {
          const chunked = /chunked/i.test(String(res.headers['transfer-encoding'] ?? ''));
          const source = {
            readable: res,
            endedProperly: () => res.complete,
            describeCut: () =>
              chunked
                ? 'HTTP/1.1 chunked body ended before its last chunk (connection closed)'
                : 'HTTP/1.1 body ended before its Content-Length (connection closed)',
            destroy: () => req.destroy(),
          };
          return {
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: new ResponseBody(source, idleTimeoutMs, context, signal),
          };
        }),
      );
      req.end(payload);
    });
  }

  async close(): Promise<void> {
    this.#agent.destroy();
  }
}
