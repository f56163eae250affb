import http from 'node:http';
import http2 from 'node:http2';

/**
 * Minimal raw clients for the stand-in tests: they return the exact body bytes and keep what
 * arrived when a body breaks off (cut, reset), so tests can assert the wire format itself.
 */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** set when the connection or stream broke before the body ended */
  error?: Error;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | object;
  /** abort after this many ms of silence (default: none) */
  timeoutMs?: number;
  /** called with the body received so far, after each chunk */
  onChunk?: (bodySoFar: string) => void;
}

function bodyText(body: RawRequest['body']): string | undefined {
  return body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
}

export function http1Request(baseUrl: string, req: RawRequest): Promise<RawResponse> {
  const text = bodyText(req.body);
  return new Promise((resolve, reject) => {
    let responded = false;
    const request = http.request(`${baseUrl}${req.path}`, {
      method: req.method ?? (text === undefined ? 'GET' : 'POST'),
      headers: { ...(text !== undefined ? { 'content-type': 'application/json' } : {}), ...req.headers },
      agent: false,
      timeout: req.timeoutMs,
    }, (res) => {
      responded = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; req.onChunk?.(body); });
      const done = (error?: Error) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, ...(error ? { error } : {}) });
      res.on('end', () => done());
      res.on('aborted', () => done(new Error('aborted')));
      res.on('error', (error) => done(error));
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    // Once the response has started, a broken connection is reported through the response.
    request.on('error', (error) => { if (!responded) reject(error); });
    request.end(text);
  });
}

export function http2Request(baseUrl: string, req: RawRequest): Promise<RawResponse> {
  const text = bodyText(req.body);
  return new Promise((resolve, reject) => {
    const session = http2.connect(baseUrl);
    session.on('error', () => {});
    const stream = session.request({
      ':method': req.method ?? (text === undefined ? 'GET' : 'POST'),
      ':path': req.path,
      ...(text !== undefined ? { 'content-type': 'application/json' } : {}),
      ...req.headers,
    });
    let status = 0;
    let headers: Record<string, string | string[] | undefined> = {};
    let body = '';
    let timedOut = false;
    stream.setEncoding('utf8');
    stream.on('response', (h) => { status = Number(h[':status']); headers = h; });
    stream.on('data', (chunk: string) => { body += chunk; req.onChunk?.(body); });
    const finish = (error?: Error) => {
      session.close();
      if (status === 0 && error) reject(error);
      else resolve({ status, headers, body, ...(error ? { error } : {}) });
    };
    stream.on('end', () => finish(timedOut ? new Error('timeout') : undefined));
    stream.on('error', (error) => finish(error));
    stream.on('close', () => {
      if (stream.rstCode && stream.rstCode !== http2.constants.NGHTTP2_NO_ERROR) finish(new Error(`RST_STREAM ${stream.rstCode}`));
    });
    if (req.timeoutMs) {
      stream.setTimeout(req.timeoutMs, () => { timedOut = true; stream.close(http2.constants.NGHTTP2_CANCEL); });
    }
    stream.end(text);
  });
}

export type Transport = 'http1' | 'http2';

export function request(transport: Transport, baseUrl: string, req: RawRequest): Promise<RawResponse> {
  return transport === 'http1' ? http1Request(baseUrl, req) : http2Request(baseUrl, req);
}

/** POST /query-stream with an Accept header (omitted when undefined). */
export function queryStream(transport: Transport, baseUrl: string, sql: string, accept?: string,
  extra: Partial<RawRequest> = {}): Promise<RawResponse> {
  return request(transport, baseUrl, {
    path: '/query-stream', body: { sql, properties: {} }, ...extra,
    headers: { ...(accept !== undefined ? { accept } : {}), ...extra.headers },
  });
}

/** The lines of a delimited body (the last, empty one after the final \n dropped). */
export function lines(body: string): string[] {
  const parts = body.split('\n');
  if (parts.at(-1) === '') parts.pop();
  return parts;
}
