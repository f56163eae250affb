import { ApplicationFailure } from '@temporalio/common';

/**
 * Library errors say themselves whether a retry can help (`retryable`). Terminal ones become
 * non-retryable ApplicationFailures so Temporal stops at once; the rest are rethrown and retried
 * under the activity's policy. Only the message and the class name travel: never a cause chain,
 * which could carry rows or driver internals into workflow history.
 */
export function toActivityFailure(err: unknown): unknown {
  if (!(err instanceof Error) || err instanceof ApplicationFailure) return err;
  const flagged = err as Error & { retryable?: boolean; retryAfterMs?: number };
  if (flagged.retryable === false) return ApplicationFailure.nonRetryable(err.message, err.name);
  return ApplicationFailure.create({
    message: err.message,
    type: err.name,
    nonRetryable: false,
    nextRetryDelay: flagged.retryAfterMs,
  });
}

/** Runs an activity body and classes whatever it throws. */
export async function classified<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toActivityFailure(err);
  }
}
