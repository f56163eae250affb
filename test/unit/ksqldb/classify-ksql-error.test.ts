import { describe, expect, it } from 'vitest';
import { classifyKsqlError } from '../../../ksqldb/classify-ksql-error.js';
import {
  KSQL_ERROR_CLASSES,
  KsqlAuthError,
  KsqlError,
  KsqlMidStreamError,
  KsqlStatementError,
  KsqlTimeoutError,
  KsqlTruncatedResponseError,
  KsqlUnavailableError,
  KsqlUnsupportedError,
} from '../../../ksqldb/errors.js';
import { fixtureText } from './support/fixtures.js';

const QUERY = { endpoint: 'POST /query-stream', statement: 'SELECT * FROM transaction_stream;' };
const http = (status: number, body: string, headers: Record<string, string> = {}) =>
  classifyKsqlError({ status, body, headers }, QUERY);
const sysError = (code: string, message = `${code} happened`) => Object.assign(new Error(message), { code });

describe('classifyKsqlError: HTTP error responses', () => {
  it.each([
    [400, 'error-40001-statement.json', KsqlStatementError, false, 40001],
    [400, 'error-40001-describe-unknown.json', KsqlStatementError, false, 40001],
    [400, 'error-40000-property.json', KsqlStatementError, false, 40000],
    [400, 'error-40002-query-endpoint.json', KsqlStatementError, false, 40002],
    [400, 'error-40004-http2-only.json', KsqlUnsupportedError, false, 40004],
    [401, 'error-40100.json', KsqlAuthError, false, 40100],
    [403, 'error-40300.json', KsqlAuthError, false, 40300],
    [429, 'error-42900.json', KsqlUnavailableError, true, 42900],
    [500, 'error-50000.json', KsqlUnavailableError, true, 50000],
    [503, 'error-50302.json', KsqlUnavailableError, true, 50302],
  ] as const)('%i %s → %o', (status, file, type, retryable, errorCode) => {
    const error = http(status, fixtureText(file));
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ retryable, errorCode, status, name: type.name });
  });

  it('builds the message from endpoint, statement, error code and ksqlDB message', () => {
    const error = http(400, fixtureText('error-40001-statement.json')) as KsqlStatementError;
    expect(error.message).toBe(
      'POST /query-stream "SELECT * FROM transaction_stream;": 40001 line 1:1: Syntax Error\n' +
        "Unknown statement 'SLECTT'\nDid you mean 'SELECT'?\nStatement: SLECTT * FROM x;",
    );
    expect(error.statementText).toBe('SLECTT * FROM x;');
    expect(error.ksqlMessage).toMatch(/^line 1:1: Syntax Error/);
  });

  it('falls back to the statement sent when the envelope has no statementText', () => {
    const error = http(400, fixtureText('error-40000-property.json')) as KsqlStatementError;
    expect(error.statementText).toBe('SELECT * FROM transaction_stream;');
  });

  it('keeps Retry-After, in seconds or as an HTTP date', () => {
    expect(http(429, fixtureText('error-42900.json'), { 'retry-after': '7' })).toMatchObject({ retryAfterMs: 7000 });
    const date = new Date(Date.now() + 30_000).toUTCString();
    const fromDate = http(503, fixtureText('error-50302.json'), { 'retry-after': date }) as KsqlUnavailableError;
    expect(fromDate.retryAfterMs).toBeGreaterThan(25_000);
    expect(http(503, '')).toMatchObject({ retryAfterMs: undefined });
  });

  it('classes statuses without a ksqlDB envelope by the status alone', () => {
    expect(http(502, '<html>Bad Gateway</html>')).toBeInstanceOf(KsqlUnavailableError);
    expect(http(502, '<html>Bad Gateway</html>').message).toMatch(/HTTP 502 <html>Bad Gateway<\/html>$/);
    expect(http(406, '')).toBeInstanceOf(KsqlUnsupportedError);
    expect(http(404, 'Not Found')).toBeInstanceOf(KsqlUnsupportedError);
    expect(http(405, '')).toBeInstanceOf(KsqlUnsupportedError);
    expect(http(408, '')).toBeInstanceOf(KsqlTimeoutError);
    expect(http(417, '{"@type":"generic_error","error_code":41700,"message":"assert failed"}')).toBeInstanceOf(KsqlStatementError);
    expect(http(307, '')).toBeInstanceOf(KsqlUnsupportedError);
  });

  it('treats "too many push queries" (40003) as temporary', () => {
    const body = '{"@type":"generic_error","error_code":40003,"message":"too many push queries"}';
    expect(http(400, body)).toMatchObject({ retryable: true, name: 'KsqlUnavailableError', errorCode: 40003 });
  });
});

describe('classifyKsqlError: network and stream errors', () => {
  it.each(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'ERR_HTTP2_SESSION_ERROR'])(
    '%s before the response → KsqlUnavailableError',
    (code) => {
      const error = classifyKsqlError(sysError(code), { ...QUERY, phase: 'request' });
      expect(error).toBeInstanceOf(KsqlUnavailableError);
      expect(error).toMatchObject({ retryable: true });
      expect(error.cause).toBeInstanceOf(Error);
    },
  );

  it.each(['ECONNRESET', 'EPIPE', 'ERR_HTTP2_STREAM_ERROR', 'ERR_STREAM_PREMATURE_CLOSE'])(
    '%s while reading the body → KsqlTruncatedResponseError',
    (code) => {
      const error = classifyKsqlError(sysError(code), { ...QUERY, phase: 'body' });
      expect(error).toBeInstanceOf(KsqlTruncatedResponseError);
      expect(error).toMatchObject({ retryable: true });
    },
  );

  it('treats an untrusted server certificate as terminal', () => {
    const error = classifyKsqlError(sysError('DEPTH_ZERO_SELF_SIGNED_CERT'), QUERY);
    expect(error).toBeInstanceOf(KsqlAuthError);
    expect(error).toMatchObject({ retryable: false });
  });

  it('turns an in-stream error object into KsqlMidStreamError (bare or StreamedRow-wrapped)', () => {
    const bare = classifyKsqlError({ '@type': 'generic_error', error_code: 50000, message: 'boom' }, QUERY);
    expect(bare).toBeInstanceOf(KsqlMidStreamError);
    expect(bare).toMatchObject({ errorCode: 50000, ksqlMessage: 'boom', retryable: true });
    const wrapped = classifyKsqlError({ errorMessage: { '@type': 'generic_error', error_code: 50000, message: 'x' } }, QUERY);
    expect(wrapped).toBeInstanceOf(KsqlMidStreamError);
  });

  it('returns its own errors and unknown errors unchanged', () => {
    const own = new KsqlTimeoutError(QUERY, 'late');
    expect(classifyKsqlError(own, QUERY)).toBe(own);
    const unknown = new TypeError('bug');
    expect(classifyKsqlError(unknown, QUERY)).toBe(unknown);
    const abort = new DOMException('aborted', 'AbortError');
    expect(classifyKsqlError(abort, QUERY)).toBe(abort);
  });
});

describe('error classes', () => {
  const expectedRetryable: Record<keyof typeof KSQL_ERROR_CLASSES, boolean> = {
    KsqlStatementError: false,
    KsqlAuthError: false,
    KsqlUnsupportedError: false,
    KsqlProtocolError: false,
    KsqlUnavailableError: true,
    KsqlTimeoutError: true,
    KsqlTruncatedResponseError: true,
    KsqlMidStreamError: true,
  };

  it.each(Object.entries(KSQL_ERROR_CLASSES))('%s has an explicit name and a fixed retryable flag', (name, Type) => {
    const error = new (Type as new (...args: unknown[]) => KsqlError)(QUERY, 'detail', {});
    expect(error.name).toBe(name);
    expect(error).toBeInstanceOf(KsqlError);
    expect(error.retryable).toBe(expectedRetryable[name as keyof typeof KSQL_ERROR_CLASSES]);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name, retryable: error.retryable, endpoint: QUERY.endpoint });
  });

  it('shortens a long statement to one line in the message', () => {
    const statement = `SELECT\n  ${'a, '.repeat(200)}b\nFROM t;`;
    const error = new KsqlTimeoutError({ endpoint: 'POST /query-stream', statement }, 'late');
    expect(error.message).toMatch(/^POST \/query-stream "SELECT a, a, .*…": late$/);
    expect(error.message).not.toContain('\n');
    expect(error.statement).toBe(statement);
  });

  it('names only the endpoint when there is no statement', () => {
    expect(new KsqlTimeoutError({ endpoint: 'GET /info' }, 'late').message).toBe('GET /info: late');
  });
});
