/** The ksqlDB client library's public API. */
export { KsqlDbClient, type QueryOptions } from './ksqldb-client.js';
export { ksqlDbClientOptionsSchema, type KsqlDbClientOptions, type KsqlProtocol } from './client-options.js';
export type { QueryColumn, QueryResult, QueryRow, RawQueryResult, RawQueryRow } from './read-query-result.js';
export type { QueryHeader } from './query-element.js';
export type { RunningQuery, ServerInfo, SourceDescription, SourceInfo } from './ksql-entities.js';
export { classifyKsqlError, type KsqlHttpFailure } from './classify-ksql-error.js';
export {
  describeRequest,
  KSQL_ERROR_CLASSES,
  KsqlAuthError,
  KsqlError,
  KsqlMidStreamError,
  KsqlProtocolError,
  KsqlStatementError,
  KsqlTimeoutError,
  KsqlTruncatedResponseError,
  KsqlUnavailableError,
  KsqlUnsupportedError,
  type KsqlErrorContext,
} from './errors.js';
export { parseServerVersion, queryStreamProtocol, supportsHttp1QueryStream, type ServerVersion } from './server-version.js';
export * from './ksql-type.js';
