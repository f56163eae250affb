/**
 * The client's options as a zod schema (the type is inferred from it) and their resolution into
 * what the transports need: a base URL stripped of credentials, the Basic auth header, timeouts.
 */
import { z } from 'zod';

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

export const ksqlDbClientOptionsSchema = z.object({
  /** Base URL of a ksqlDB server, e.g. `http://localhost:8088`; `user:password@` in it becomes `auth`. */
  // The message never repeats the value: it may carry a password.
  url: z.string().refine(isHttpUrl, { message: 'must be an http:// or https:// URL' }),
  /** Basic authentication (on Confluent Cloud: API key and secret). Wins over credentials in `url`. */
  auth: z.object({ username: z.string(), password: z.string() }).optional(),
  /** TLS material for `https://` URLs, read from files when the first connection opens. */
  tls: z
    .object({
      /** PEM file of the CA(s) that signed the server certificate. */
      caFile: z.string().optional(),
      /** PEM client certificate, for mutual TLS. */
      certFile: z.string().optional(),
      /** PEM private key of `certFile`. */
      keyFile: z.string().optional(),
      /** Verify the server certificate (default true); false only for development. */
      rejectUnauthorized: z.boolean().optional(),
    })
    .optional(),
  /** `auto` reads /info: HTTP/1.1 for ksqlDB ≥0.24 / CP ≥7.2, else HTTP/2 (h2c or ALPN h2). */
  protocol: z.enum(['auto', 'http1', 'http2']).default('auto'),
  /** Body format of /query-stream: newline-delimited, or one JSON array. */
  format: z.enum(['delimited', 'json']).default('delimited'),
  /** Time allowed to open a connection (TCP, plus TLS handshake on https). */
  connectTimeoutMs: z.number().int().positive().default(10_000),
  /** No byte from the server for this long while waiting on it → retryable timeout. */
  idleTimeoutMs: z.number().int().positive().default(60_000),
});

/** What callers pass to `new KsqlDbClient(...)`. */
export type KsqlDbClientOptions = z.input<typeof ksqlDbClientOptionsSchema>;
export type KsqlProtocol = 'http1' | 'http2';
export type TlsOptions = NonNullable<KsqlDbClientOptions['tls']>;

/** Options after validation, with credentials moved out of the URL. */
export interface ResolvedClientOptions {
  /** Origin plus optional path prefix, never with credentials in it. */
  baseUrl: URL;
  /** `Basic …` header value, or null without auth. */
  authorization: string | null;
  /** The password itself, so errors can be scrubbed of it. */
  secrets: string[];
  tls: TlsOptions;
  protocol: 'auto' | KsqlProtocol;
  format: 'delimited' | 'json';
  connectTimeoutMs: number;
  idleTimeoutMs: number;
}

/** Validates options; throws a ZodError (which never echoes the URL or password) when invalid. */
export function resolveClientOptions(input: KsqlDbClientOptions): ResolvedClientOptions {
  const options = ksqlDbClientOptionsSchema.parse(input);
  const baseUrl = new URL(options.url);
  const fromUrl =
    baseUrl.username || baseUrl.password
      ? { username: decodeURIComponent(baseUrl.username), password: decodeURIComponent(baseUrl.password) }
      : undefined;
  baseUrl.username = '';
  baseUrl.password = '';
  baseUrl.search = '';
  baseUrl.hash = '';
  const auth = options.auth ?? fromUrl;
  const authorization = auth
    ? `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`
    : null;
  // Scrubbing a 1–3 character password would mangle every message while protecting nothing.
  const secrets = [auth?.password, fromUrl?.password, authorization?.slice('Basic '.length)].filter(
    (s): s is string => typeof s === 'string' && s.length >= 4,
  );
  return {
    baseUrl,
    authorization,
    secrets,
    tls: options.tls ?? {},
    protocol: options.protocol,
    format: options.format,
    connectTimeoutMs: options.connectTimeoutMs,
    idleTimeoutMs: options.idleTimeoutMs,
  };
}

/** Joins the base URL's path prefix (a reverse proxy may mount ksqlDB under one) and an API path. */
export function apiPath(baseUrl: URL, path: string): string {
  return `${baseUrl.pathname.replace(/\/+$/, '')}${path}`;
}
