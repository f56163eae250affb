import type { FeedConfigError } from './errors.js';

// Not in errors.ts: it stops a command or a worker at its start, never an activity, so it is no failure type.
/** Several feed files that cannot be used: every one is named, with its fields. */
export class FeedRegistryError extends Error {
  override name = 'FeedRegistryError';
  readonly retryable = false;
  constructor(readonly problems: FeedConfigError[]) {
    super(problems.map((p) => p.message).join('\n'));
  }
}
