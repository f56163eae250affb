/**
 * A statement ksqlDB refuses. The routes turn it into the real envelope: 400 `statement_error`
 * with `statementText`, plus the `\nStatement: <sql>` suffix on /query-stream.
 */
export class KsqlStatementError extends Error {
  override name = 'KsqlStatementError';

  constructor(
    message: string,
    /** 40001 bad statement; 40002 a query sent to /ksql */
    readonly errorCode: number = 40001,
  ) {
    super(message);
  }
}

/** The sentence ksqlDB appends to every pull-query restriction. */
export const PULL_QUERY_HELP =
  ' See https://cnfl.io/queries for more info.\nAdd EMIT CHANGES if you intended to issue a push query.';
