/**
 * Lake errors. `retryable` tells the activity layer whether Temporal should try again:
 * a schema mismatch needs a person; an I/O hiccup does not.
 */
export class LakeSchemaError extends Error {
  override name = 'LakeSchemaError';
  readonly retryable = false;
}

export class LakeIoError extends Error {
  override name = 'LakeIoError';
  readonly retryable = true;
}

/** DuckDB reports errors as plain Errors with a class prefix; sort them once, here. */
export function classifyDuckDbError(err: unknown, context: string): Error {
  const message = err instanceof Error ? err.message : String(err);
  if (/^(Conversion|Binder|Invalid Input|Parser) Error:/.test(message)) {
    return new LakeSchemaError(`${context}: ${message}`, { cause: err });
  }
  if (/^IO Error:/.test(message)) return new LakeIoError(`${context}: ${message}`, { cause: err });
  return err instanceof Error ? err : new Error(message);
}

/** SQL over the lake that DuckDB refused, or a `table_at` that names no table feed: the person must change the query. */
export class LakeQueryError extends Error {
  override name = 'LakeQueryError';
  readonly retryable = false;
}

/** A table version asked for by number that the lake does not keep (pruned, or never published). */
export class LakeVersionError extends Error {
  override name = 'LakeVersionError';
  readonly retryable = false;
}

/**
 * A run set aside more bad rows than its feed's `quarantine` threshold allows, so nothing was
 * published: retrying pulls the same rows; the source or the feed must be fixed first.
 */
export class LakeQuarantineThresholdError extends Error {
  override name = 'LakeQuarantineThresholdError';
  readonly retryable = false;
}
