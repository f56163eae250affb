/**
 * Object store errors. `retryable` tells the activity layer whether Temporal should try again,
 * as for the other lake errors.
 */

/** A key that should be there is not: a pruned version or an index naming a deleted file. */
export class ObjectNotFoundError extends Error {
  override name = 'ObjectNotFoundError';
  readonly retryable = false;
}

/** The bytes stored or read are not the ones expected (size or SHA-256): nothing was committed. */
export class ObjectChecksumError extends Error {
  override name = 'ObjectChecksumError';
  readonly retryable = true;
}

/** A compare-and-swap lost to other writers more times than its bound: a later attempt goes through. */
export class CasConflictError extends Error {
  override name = 'CasConflictError';
  readonly retryable = true;
}
