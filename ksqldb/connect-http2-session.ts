/**
 * Opens the HTTP/2 session: `http://` URLs speak h2c with prior knowledge (ksqlDB does not do
 * the Upgrade dance), `https://` URLs negotiate h2 through ALPN.
 */
import http2, { type ClientHttp2Session } from 'node:http2';
import { classifyKsqlError } from './classify-ksql-error.js';
import { type KsqlErrorContext, KsqlTimeoutError } from './errors.js';
import type { TransportSettings } from './transport.js';

/** Resolves once the connection (and TLS handshake) is up; rejects with a classified error. */
export function connectHttp2Session(settings: TransportSettings, context: KsqlErrorContext): Promise<ClientHttp2Session> {
  const { baseUrl, connectTimeoutMs, tls } = settings;
  return new Promise((resolve, reject) => {
    const session = http2.connect(baseUrl.origin, baseUrl.protocol === 'https:' ? { ...tls } : {});
    // Session errors also reach every open stream; this listener only keeps them from crashing us.
    session.on('error', () => {});
    const timer = setTimeout(() => {
      session.destroy();
      const detail = `could not connect within ${connectTimeoutMs} ms (connect timeout)`;
      reject(new KsqlTimeoutError({ ...context, phase: 'request' }, detail));
    }, connectTimeoutMs);
    session.once('connect', () => {
      clearTimeout(timer);
      resolve(session);
    });
    session.once('error', (error) => {
      clearTimeout(timer);
      reject(classifyKsqlError(error, { ...context, phase: 'request' }));
    });
    session.once('close', () => {
      clearTimeout(timer);
      reject(classifyKsqlError(Object.assign(new Error('HTTP/2 session closed while connecting'), { code: 'ECONNRESET' }), context));
    });
  });
}
