/**
 * What the client needs from HTTP/1.1 and HTTP/2 alike: send one request, get the status and
 * headers, then pull the body chunk by chunk. Both transports raise the client's own errors
 * (timeouts, truncation, unavailable), so the layers above never see protocol details.
 */
import type { KsqlErrorContext } from './errors.js';
import type { ResponseBody } from './response-body.js';

export interface TransportRequest {
  method: 'GET' | 'POST';
  /** API path, e.g. `/query-stream` (the base URL's path prefix is added by the transport). */
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** Names the request in every error raised for it. */
  context: KsqlErrorContext;
}

export interface TransportResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Pulled on demand: the server is only read as fast as the caller consumes. */
  body: ResponseBody;
}

export interface Transport {
  /** Resolves once the response status and headers arrived. */
  request(request: TransportRequest): Promise<TransportResponse>;
  /** Closes pooled connections / the HTTP/2 session. */
  close(): Promise<void>;
}

/** Connection settings shared by both transports. */
export interface TransportSettings {
  baseUrl: URL;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  tls: { ca?: Buffer; cert?: Buffer; key?: Buffer; rejectUnauthorized?: boolean };
}
