/**
 * One place that sorts raw failures into the client's error classes, on the model of dlt's
 * `_make_database_exception`: HTTP error responses by status and ksqlDB `error_code`, in-stream
 * error objects, and Node socket / HTTP/2 errors by `code`. Anything unknown comes back unchanged
 * (and is therefore retried, dlt's default).
 */
import {
  KsqlAuthError,
  KsqlError,
  type KsqlErrorContext,
  KsqlMidStreamError,
  KsqlStatementError,
  KsqlTimeoutError,
  KsqlTruncatedResponseError,
  KsqlUnavailableError,
  KsqlUnsupportedError,
} from './errors.js';

/** A non-2xx answer: status, body text and headers (for `Retry-After`). */
export interface KsqlHttpFailure {
  status: number;
  body: string;
  headers?: Record<string, string | string[] | undefined>;
}

// Socket- and session-level failures: the server or the path to it is (for now) not there.
const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN',
  'ENETDOWN', 'ECONNABORTED', 'EAI_AGAIN', 'ENOTFOUND', 'ERR_STREAM_PREMATURE_CLOSE',
  'ERR_HTTP2_STREAM_ERROR', 'ERR_HTTP2_SESSION_ERROR', 'ERR_HTTP2_GOAWAY_SESSION', 'ERR_HTTP2_INVALID_SESSION',
  'ERR_HTTP2_STREAM_CANCEL', 'ERR_HTTP2_ERROR', 'ERR_HTTP2_PING_CANCEL', 'ERR_HTTP2_SOCKET_UNBOUND',
]);
// The server's certificate cannot be trusted: only a configuration change fixes that.
const TLS_TRUST_CODES = new Set([
  'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_SIGNATURE_FAILURE', 'CERT_REVOKED',
]);

/** Maps a raw failure to the client's error classes; KsqlErrors and unknown errors pass through. */
export function classifyKsqlError(raw: unknown, context: KsqlErrorContext): Error {
  if (raw instanceof KsqlError) return raw;
  if (isHttpFailure(raw)) return classifyHttpFailure(raw, context);
  if (isErrorEnvelope(raw)) {
    const { errorCode, message } = readEnvelope(raw);
    return new KsqlMidStreamError(context, `${errorCode ?? 'error'} ${message}`, { errorCode, ksqlMessage: message });
  }
  const code = errorCode(raw);
  if (code !== undefined && NETWORK_CODES.has(code)) {
    const what = (raw as Error).message;
    return context.phase === 'body'
      ? new KsqlTruncatedResponseError(context, `response cut off (${code}: ${what})`, { cause: raw })
      : new KsqlUnavailableError(context, `${code}: ${what}`, {}, { cause: raw });
  }
  if (code !== undefined && TLS_TRUST_CODES.has(code)) {
    return new KsqlAuthError(context, `server certificate rejected (${code})`, {}, { cause: raw });
  }
  return raw instanceof Error ? raw : new Error(String(raw));
}

function classifyHttpFailure(failure: KsqlHttpFailure, context: KsqlErrorContext): Error {
  const { status } = failure;
  const envelope = parseEnvelope(failure.body);
  const code = envelope.errorCode;
  const message = envelope.message ?? (failure.body.trim().slice(0, 300) || '(empty body)');
  const server = { status, errorCode: code, ksqlMessage: envelope.message };
  const detail = code !== null ? `${code} ${message}` : `HTTP ${status} ${message}`;
  if (status === 401 || status === 403) return new KsqlAuthError(context, detail, server);
  if (status === 404 || status === 405 || status === 406 || code === 40004) {
    return new KsqlUnsupportedError(context, detail, server);
  }
  // 40003 "too many push queries" is a 400, but it clears once other queries end.
  if (status === 429 || status >= 500 || code === 42900 || code === 40003) {
    const retryAfterMs = parseRetryAfter(header(failure.headers, 'retry-after'));
    return new KsqlUnavailableError(context, detail, { ...server, retryAfterMs });
  }
  if (status === 408) return new KsqlTimeoutError(context, detail);
  if (status >= 400) {
    return new KsqlStatementError(context, detail, { ...server, statementText: envelope.statementText });
  }
  // 1xx/3xx: redirects are not followed, so the URL does not point at a ksqlDB API.
  return new KsqlUnsupportedError(context, `unexpected ${detail}`, server);
}

interface Envelope {
  errorCode: number | null;
  message: string | null;
  statementText: string | null;
}

function parseEnvelope(body: string): Envelope {
  try {
    const parsed: unknown = JSON.parse(body);
    if (isErrorEnvelope(parsed)) return readEnvelope(parsed);
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): the status alone decides.
  }
  return { errorCode: null, message: null, statementText: null };
}

/** True for ksqlDB's error object (`{"@type":"generic_error","error_code":…}`), bare or StreamedRow-wrapped. */
export function isErrorEnvelope(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return 'error_code' in record || record['@type'] === 'generic_error' || record['@type'] === 'statement_error'
    || isErrorEnvelope(record.errorMessage);
}

function readEnvelope(record: Record<string, unknown>): Envelope {
  // The StreamedRow format wraps the envelope: {"errorMessage": {...}}.
  const inner = isErrorEnvelope(record.errorMessage) ? record.errorMessage : record;
  const codeValue = Number(inner.error_code);
  return {
    errorCode: inner.error_code !== undefined && Number.isFinite(codeValue) ? codeValue : null,
    message: typeof inner.message === 'string' ? inner.message : null,
    statementText: typeof inner.statementText === 'string' ? inner.statementText : null,
  };
}

function isHttpFailure(value: unknown): value is KsqlHttpFailure {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.status === 'number' && typeof record.body === 'string';
}

function errorCode(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const code = (value as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function header(headers: KsqlHttpFailure['headers'], name: string): string | undefined {
  const value = headers?.[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `Retry-After` is either delay-seconds or an HTTP date. */
function parseRetryAfter(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
