import { ApplicationFailure } from '@temporalio/client';

/** The innermost message of an error chain: for a failed run, what the activity actually said. */
export function rootCause(err: unknown): string {
  let current: unknown = err;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  if (current instanceof ApplicationFailure) return `${current.type ?? 'Error'}: ${current.message}`;
  return current instanceof Error ? `${current.name}: ${current.message}` : String(current);
}
