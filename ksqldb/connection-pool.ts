/**
 * Owns the client's transports: one keep-alive HTTP/1.1 agent and one HTTP/2 session at most,
 * created on first use with the TLS material read from its files, and closed together.
 */
import { readFile } from 'node:fs/promises';
import type { KsqlProtocol, ResolvedClientOptions } from './client-options.js';
import { KsqlAuthError, type KsqlErrorContext } from './errors.js';
import type { Transport, TransportSettings } from './transport.js';
import { Http1Transport } from './http1-transport.js';
import { Http2Transport } from './http2-transport.js';

export class ConnectionPool {
  readonly #options: ResolvedClientOptions;
  readonly #transports = new Map<KsqlProtocol, Promise<Transport>>();

  constructor(options: ResolvedClientOptions) {
    this.#options = options;
  }

  /** The transport for a protocol; rejects with KsqlAuthError if a TLS file cannot be read. */
  transport(protocol: KsqlProtocol, context: KsqlErrorContext): Promise<Transport> {
    let transport = this.#transports.get(protocol);
    if (!transport) {
      transport = this.#settings(context).then((settings) =>
        protocol === 'http1' ? new Http1Transport(settings) : new Http2Transport(settings),
      );
      // A failed read is not cached: the file may be there on the next attempt.
      transport.catch(() => this.#transports.delete(protocol));
      this.#transports.set(protocol, transport);
    }
    return transport;
  }

  async close(): Promise<void> {
    const transports = [...this.#transports.values()];
    this.#transports.clear();
    await Promise.all(transports.map(async (t) => (await t.catch(() => null))?.close()));
  }

  async #settings(context: KsqlErrorContext): Promise<TransportSettings> {
    const { baseUrl, connectTimeoutMs, idleTimeoutMs, tls } = this.#options;
    const read = async (what: string, file: string | undefined): Promise<Buffer | undefined> => {
      if (file === undefined) return undefined;
      try {
        return await readFile(file);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'error';
        throw new KsqlAuthError(context, `cannot read TLS ${what} ${file} (${code})`, {}, { cause: error });
      }
    };
    const [ca, cert, key] = await Promise.all([
      read('caFile', tls.caFile),
      read('certFile', tls.certFile),
      read('keyFile', tls.keyFile),
    ]);
    const material = Object.fromEntries(Object.entries({ ca, cert, key }).filter(([, v]) => v !== undefined));
    return {
      baseUrl,
      connectTimeoutMs,
      idleTimeoutMs,
      tls: { ...material, ...(tls.rejectUnauthorized === undefined ? {} : { rejectUnauthorized: tls.rejectUnauthorized }) },
    };
  }
}
