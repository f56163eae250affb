// Told apart by name, not instanceof: importing the Temporal client costs every command a second
// of start-up, even those that fail before they would dial.
/** The innermost message of an error chain: for a failed run, what the activity actually said. */
export function rootCause(err: unknown): string {
  let current: unknown = err;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  if (current instanceof Error && current.name === 'ApplicationFailure') {
    return `${(current as Error & { type?: string }).type ?? 'Error'}: ${current.message}`;
  }
  return current instanceof Error ? `${current.name}: ${current.message}` : String(current);
}
