// Not in errors.ts: it stops a command or a worker at its start, never an activity, so it is no failure type.
/** Environment variables that cannot be used: one line per variable, each naming it; never a secret. */
export class SettingsError extends Error {
  override name = 'SettingsError';
  readonly retryable = false;
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}
