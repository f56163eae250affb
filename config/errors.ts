/** A feed file that cannot be used: names the file and the field. Terminal: retrying cannot fix it. */
export class FeedConfigError extends Error {
  override name = 'FeedConfigError';
  readonly retryable = false;
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
  }
}

/** A feed id that has no file in the registry. */
export class UnknownFeedError extends Error {
  override name = 'UnknownFeedError';
  readonly retryable = false;
  constructor(feedId: string, known: string[]) {
    super(`unknown feed "${feedId}" (known: ${known.join(', ') || 'none'})`);
  }
}
