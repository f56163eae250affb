/**
 * Last line of defence for credentials: a server (or proxy) may echo request headers into an
 * error body, and error bodies end up in messages, logs and Temporal histories. Every error the
 * client throws goes through here with the password and the Basic token it sent.
 */
const MASK = '***';

/** Replaces every secret in the error's text fields (message, stack, string properties, causes). */
export function redactSecrets<T>(error: T, secrets: readonly string[]): T {
  if (secrets.length === 0 || !(error instanceof Error)) return error;
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    scrub(current as unknown as Record<string, unknown>, secrets);
    current = current.cause;
  }
  return error;
}

function scrub(target: Record<string, unknown>, secrets: readonly string[]): void {
  for (const key of new Set([...Object.getOwnPropertyNames(target), 'message', 'stack'])) {
    const value = target[key];
    if (typeof value !== 'string') continue;
    const clean = secrets.reduce((text, secret) => text.split(secret).join(MASK), value);
    if (clean === value) continue;
    try {
      target[key] = clean;
    } catch {
      // A read-only property: leave it (none of the client's own errors have one).
    }
  }
}
