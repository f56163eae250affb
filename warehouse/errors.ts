/**
 * Warehouse errors. A data error (duplicate key, bad value, broken reference) needs a person and is
 * terminal; a lost connection or a deadlock is worth retrying (the load is one transaction).
 */
export class WarehouseDataError extends Error {
  override name = 'WarehouseDataError';
  readonly retryable = false;
}

export class WarehouseSchemaError extends Error {
  override name = 'WarehouseSchemaError';
  readonly retryable = false;
}

/** Wrong credentials or missing grants: a person has to fix MYSQL_URL or the grants. */
export class WarehouseAccessError extends Error {
  override name = 'WarehouseAccessError';
  readonly retryable = false;
}

export class WarehouseUnavailableError extends Error {
  override name = 'WarehouseUnavailableError';
  readonly retryable = true;
}

const DATA_ERRORS = new Set([
  'ER_DUP_ENTRY', 'ER_NO_REFERENCED_ROW_2', 'ER_ROW_IS_REFERENCED_2', 'ER_BAD_NULL_ERROR',
  'ER_TRUNCATED_WRONG_VALUE', 'ER_DATA_TOO_LONG', 'ER_WARN_DATA_OUT_OF_RANGE', 'ER_TRUNCATED_WRONG_VALUE_FOR_FIELD',
]);
const ACCESS_ERRORS = new Set(['ER_ACCESS_DENIED_ERROR', 'ER_DBACCESS_DENIED_ERROR', 'ER_TABLEACCESS_DENIED_ERROR']);
const SCHEMA_ERRORS = new Set(['ER_NO_SUCH_TABLE', 'ER_BAD_FIELD_ERROR', 'ER_BAD_DB_ERROR']);
const TRANSIENT_ERRORS = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'PROTOCOL_CONNECTION_LOST',
  'ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'ER_CON_COUNT_ERROR',
]);

/**
 * mysql2 errors → one of the classes above; anything unknown comes back unchanged (and is retried).
 * The raw error is not kept as `cause`: mysql2 attaches the formatted SQL, rows included, and the
 * error travels into workflow history.
 */
export function classifyMysqlError(err: unknown, context: string): Error {
  const code = (err as { code?: string }).code ?? '';
  const message = `${context}: ${(err as Error).message ?? String(err)}`;
  if (DATA_ERRORS.has(code)) return new WarehouseDataError(message);
  if (ACCESS_ERRORS.has(code)) return new WarehouseAccessError(message);
  if (SCHEMA_ERRORS.has(code)) return new WarehouseSchemaError(`${message} (run \`ksql-etl warehouse init\`?)`);
  if (TRANSIENT_ERRORS.has(code)) return new WarehouseUnavailableError(message);
  return err instanceof Error ? err : new Error(message);
}
