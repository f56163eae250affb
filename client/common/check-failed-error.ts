/** A check that ran and found problems (e.g. `status`): the output says what; exit code 1, for cron and monitoring. */
export class CheckFailedError extends Error {
  override name = 'CheckFailedError';
}
