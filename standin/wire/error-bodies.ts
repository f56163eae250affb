/**
 * ksqlDB's error envelopes (`KsqlErrorMessage` / `KsqlStatementErrorMessage`), with `@type`
 * first, as Jackson writes them.
 */
export interface GenericError {
  '@type': 'generic_error';
  error_code: number;
  message: string;
}

export interface StatementError {
  '@type': 'statement_error';
  error_code: number;
  message: string;
  statementText: string;
  entities: unknown[];
}

export function genericError(errorCode: number, message: string): GenericError {
  return { '@type': 'generic_error', error_code: errorCode, message };
}

export function statementError(errorCode: number, message: string, statementText: string): StatementError {
  return { '@type': 'statement_error', error_code: errorCode, message, statementText, entities: [] };
}

/** The fixed bodies the fault injector and the auth layer send. */
export const SERVER_ERROR_MESSAGE =
  'The server encountered an internal error when processing the query. Please consult the server logs for more information.';
export const SERVER_INITIALIZING = genericError(50302, 'Server initializing');
export const RATE_LIMITED = genericError(42900, 'Host is at rate limit for pull queries. Currently set to 1.0 qps.');
export const UNAUTHORIZED = genericError(40100, 'Unauthorized');
export const FORBIDDEN = genericError(40300, 'Forbidden');
