/**
 * The feed id a workflow or activity works on: every one takes an input object with a `feed`
 * field as its first argument. Log lines and metrics carry it as `feed`.
 */
export function feedOfArgs(args: readonly unknown[]): string | undefined {
  const input = args[0];
  if (typeof input !== 'object' || input === null) return undefined;
  const feed = (input as { feed?: unknown }).feed;
  return typeof feed === 'string' ? feed : undefined;
}
