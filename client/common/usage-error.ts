/** Input on the command line that cannot work: reported without a stack, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
