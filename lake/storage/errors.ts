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

/**
 * The object store refused the lake's credentials or their permissions (403 AccessDenied,
 * InvalidAccessKeyId, SignatureDoesNotMatch, an expired token): the same request is refused again
 * until a person fixes the setting the message names.
 */
export class ObjectStoreAccessError extends Error {
  override name = 'ObjectStoreAccessError';
  readonly retryable = false;
}

/**
 * The object store cannot serve the lake as configured: the bucket is missing or in another region,
 * the request is invalid for this server, or it lacks the conditional writes metadata commits need.
 */
export class ObjectStoreConfigError extends Error {
  override name = 'ObjectStoreConfigError';
  readonly retryable = false;
}

/** The object store is throttling, failing (5xx), timing out or dropping connections: it passes. */
export class ObjectStoreUnavailableError extends Error {
  override name = 'ObjectStoreUnavailableError';
  readonly retryable = true;
}
