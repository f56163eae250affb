/**
 * Every failure type an activity or workflow can end with, whether Temporal should retry it, and
 * why. A type is an error class's `name` (Temporal makes it the ApplicationFailure `type`) or one
 * of the activity/workflow checks below. Pure data, importable by workflow code and activities
 * alike; the libraries keep their own `retryable` flag, and a unit test keeps the two in step.
 */

interface FailureTypeEntry {
  retryable: boolean;
  why: string;
}

export const FAILURE_TYPES = {
  // ksqldb/errors.ts
  KsqlStatementError: { retryable: false, why: 'the server refused the SQL (bad statement, unknown source, bad property): someone must fix the feed or the DDL' },
  KsqlAuthError: { retryable: false, why: 'credentials missing or wrong, a role lacking, or an untrusted certificate: asking again gets the same 401/403' },
  KsqlUnsupportedError: { retryable: false, why: 'this server version cannot serve the request as sent (406, 404/405, HTTP/2-only endpoint)' },
  KsqlProtocolError: { retryable: false, why: 'the answer is not the ksqlDB wire format: a wrong server or an unsupported version' },
  KsqlUnavailableError: { retryable: true, why: 'unreachable, overloaded or starting (refused, 5xx, 503, 429): heals on its own' },
  KsqlTimeoutError: { retryable: true, why: 'no connection or no byte in time: a busy server or a network cut' },
  KsqlTruncatedResponseError: { retryable: true, why: 'the response stopped before its end; the next attempt pulls the whole range again' },
  KsqlMidStreamError: { retryable: true, why: 'the server failed mid-stream (e.g. 50000): a later pull usually completes' },
  // lake/common/errors.ts
  LakeSchemaError: { retryable: false, why: 'the source\'s columns changed in a way schemaChange refuses (any change under freeze; a removed or retyped column under evolve too), or the rows do not fit the lake schema (DuckDB Conversion/Binder error): the feed or the source must change' },
  LakeIoError: { retryable: true, why: 'a DuckDB IO Error (disk full, file busy, storage hiccup): worth another attempt' },
  LakeQueryError: { retryable: false, why: 'DuckDB refused SQL over the lake, or table_at named no kept version: the query must change' },
  LakeQuarantineThresholdError: { retryable: false, why: 'a run set aside more rows than the feed\'s quarantine threshold: the same pull gives the same bad rows; fix the source or the feed (or raise the threshold) and run the window again' },
  LakeVersionError: { retryable: false, why: 'a table version asked for by number (rollback, read) that the lake does not keep: pruned or never published' },
  // lake/storage/errors.ts
  ObjectNotFoundError: { retryable: false, why: 'an object the lake names is not in its store (pruned, or deleted by hand): asking again will not bring it back' },
  ObjectChecksumError: { retryable: true, why: 'bytes changed between the source and the store; nothing was committed, and the next attempt sends them again' },
  CasConflictError: { retryable: true, why: 'other writers kept committing the same metadata first: a later attempt gets its turn' },
  ObjectStoreAccessError: { retryable: false, why: 'the object store refused the credentials or their permissions (AccessDenied, InvalidAccessKeyId, SignatureDoesNotMatch, an expired token): fix the AWS_* setting the message names' },
  ObjectStoreConfigError: { retryable: false, why: 'the object store cannot serve the lake as configured (missing bucket, wrong region, invalid request, no conditional writes): fix LAKE_DIR, AWS_REGION or AWS_ENDPOINT_URL_S3, or the server' },
  ObjectStoreUnavailableError: { retryable: true, why: 'the object store is throttling, failing (5xx), timing out or dropping connections: it passes' },
  // warehouse/errors.ts
  WarehouseDataError: { retryable: false, why: 'MySQL rejects the data (duplicate key, bad value, broken reference): a person must look' },
  WarehouseSchemaError: { retryable: false, why: 'a table or column is missing: run `ksql-etl warehouse init` or fix the feed' },
  WarehouseAccessError: { retryable: false, why: 'wrong credentials or missing grants: fix MYSQL_URL or the grants' },
  WarehouseUnavailableError: { retryable: true, why: 'lost connection, deadlock or lock wait: the load is one transaction, so a retry replays it whole' },
  // config/errors.ts
  FeedConfigError: { retryable: false, why: 'a feed file does not parse: retrying cannot fix the file' },
  UnknownFeedError: { retryable: false, why: 'no feed file has this id in the worker\'s registry' },
  // activities/ and workflows/
  BadFeedKind: { retryable: false, why: 'the feed is of the other kind (stream vs table) or has no warehouse target for this activity' },
  BadSlotRange: { retryable: false, why: 'the window is not on the feed\'s slot boundaries, or ends before it starts' },
  MissingLakeVersion: { retryable: false, why: 'the lake version to load was pruned or never published' },
  BadWorkflowInput: { retryable: false, why: 'the workflow input can never work (e.g. a start that is not an ISO instant)' },
} as const satisfies Record<string, FailureTypeEntry>;

export type FailureType = keyof typeof FAILURE_TYPES;

/** The types by name, so throw sites write `FailureType.BadFeedKind`, never a free string. */
export const FailureType = Object.fromEntries(Object.keys(FAILURE_TYPES).map((name) => [name, name])) as {
  readonly [K in FailureType]: K;
};

/** What the retry policies list as `nonRetryableErrorTypes`. */
export const NON_RETRYABLE_TYPES: readonly FailureType[] = (Object.keys(FAILURE_TYPES) as FailureType[]).filter(
  (name) => !FAILURE_TYPES[name].retryable,
);
