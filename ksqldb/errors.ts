/**
 * Every failure the ksqlDB client raises, split the way the workflows need it: terminal errors
 * (someone must fix SQL, credentials or the server version) versus retryable ones (the server or
 * the network will likely be fine on a later attempt). Each class has an explicit `name`, because
 * Temporal turns it into the failure `type` that the retry policy matches on.
 */

/** What was being asked of the server; every message starts with it. */
export interface KsqlErrorContext {
  /** Method and path, e.g. `POST /query-stream`. */
  endpoint: string;
  /** The SQL sent, if any. */
  statement?: string;
  /** Whether the response header (and, for queries, the first bytes) had already arrived. */
  phase?: 'request' | 'body';
}

const STATEMENT_PREVIEW_CHARS = 200;

/** `POST /query-stream "SELECT …"`: the prefix of every message, the statement shortened to one line. */
export function describeRequest(context: KsqlErrorContext): string {
  if (context.statement === undefined) return context.endpoint;
  const oneLine = context.statement.replace(/\s+/g, ' ').trim();
  const preview =
    oneLine.length > STATEMENT_PREVIEW_CHARS ? `${oneLine.slice(0, STATEMENT_PREVIEW_CHARS)}…` : oneLine;
  return `${context.endpoint} "${preview}"`;
}

/** Base of all client errors: knows the endpoint and statement, and whether a retry can help. */
export abstract class KsqlError extends Error {
  abstract readonly retryable: boolean;
  readonly endpoint: string;
  readonly statement: string | null;
  constructor(context: KsqlErrorContext, detail: string, options?: { cause?: unknown }) {
    super(`${describeRequest(context)}: ${detail}`, options);
    this.endpoint = context.endpoint;
    this.statement = context.statement ?? null;
  }
}

/** Details the server put in its error envelope (`error_code`, `message`, `statementText`). */
export interface KsqlServerDetails {
  errorCode?: number | null;
  ksqlMessage?: string | null;
  statementText?: string | null;
  status?: number | null;
}

abstract class KsqlServerError extends KsqlError {
  readonly status: number | null;
  readonly errorCode: number | null;
  readonly ksqlMessage: string | null;
  constructor(context: KsqlErrorContext, detail: string, server: KsqlServerDetails, options?: { cause?: unknown }) {
    super(context, detail, options);
    this.status = server.status ?? null;
    this.errorCode = server.errorCode ?? null;
    this.ksqlMessage = server.ksqlMessage ?? null;
  }
}

/** Terminal: the server refused the statement (bad SQL, unknown source, bad property, 40000–40002…). */
export class KsqlStatementError extends KsqlServerError {
  override readonly name = 'KsqlStatementError';
  readonly retryable = false;
  /** The statement as the server echoed it, else the one we sent. */
  readonly statementText: string | null;
  constructor(context: KsqlErrorContext, detail: string, server: KsqlServerDetails) {
    super(context, detail, server);
    this.statementText = server.statementText ?? context.statement ?? null;
  }
}

/** Terminal: 401/403 (credentials missing, wrong, or lacking a role), or a server certificate we cannot trust. */
export class KsqlAuthError extends KsqlServerError {
  override readonly name = 'KsqlAuthError';
  readonly retryable = false;
}

/** Terminal: this server cannot serve the request as sent (406, 404/405, 40004 HTTP/2-only endpoint). */
export class KsqlUnsupportedError extends KsqlServerError {
  override readonly name = 'KsqlUnsupportedError';
  readonly retryable = false;
}

/** Retryable: server unreachable, overloaded or starting (connection refused/reset, 5xx, 503, 429). */
export class KsqlUnavailableError extends KsqlServerError {
  override readonly name = 'KsqlUnavailableError';
  readonly retryable = true;
  /** From a `Retry-After` header, when the server sent one (undefined otherwise). */
  readonly retryAfterMs: number | undefined;
  constructor(
    context: KsqlErrorContext,
    detail: string,
    server: KsqlServerDetails & { retryAfterMs?: number | undefined },
    options?: { cause?: unknown },
  ) {
    super(context, detail, server, options);
    this.retryAfterMs = server.retryAfterMs;
  }
}

/** Retryable: no connection within `connectTimeoutMs`, or no byte for `idleTimeoutMs` while waiting. */
export class KsqlTimeoutError extends KsqlError {
  override readonly name = 'KsqlTimeoutError';
  readonly retryable = true;
}

/**
 * Retryable: the response stopped before its proper end (connection cut, HTTP/2 reset, JSON array
 * never closed, delimited body ending mid-line). Rows already read are NOT a complete result.
 */
export class KsqlTruncatedResponseError extends KsqlError {
  override readonly name = 'KsqlTruncatedResponseError';
  readonly retryable = true;
}

/** Retryable: the server wrote an error object into a 200 stream after the header (e.g. 50000). */
export class KsqlMidStreamError extends KsqlServerError {
  override readonly name = 'KsqlMidStreamError';
  readonly retryable = true;
}

/**
 * Terminal: the answer does not follow the ksqlDB wire format (no header line, unknown column
 * type, a /ksql body that is not the documented entity) — a wrong server or an unsupported
 * version; asking again gets the same answer.
 */
export class KsqlProtocolError extends KsqlError {
  override readonly name = 'KsqlProtocolError';
  readonly retryable = false;
}

/** Every class above by name, for the workflows' terminal/retry table and its completeness test. */
export const KSQL_ERROR_CLASSES = {
  KsqlStatementError,
  KsqlAuthError,
  KsqlUnsupportedError,
  KsqlUnavailableError,
  KsqlTimeoutError,
  KsqlTruncatedResponseError,
  KsqlMidStreamError,
  KsqlProtocolError,
} as const;
