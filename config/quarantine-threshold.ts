import type { Feed } from './feed-schema.js';

/**
 * A run that sets aside more than 1,000 rows, or more than a tenth of what it saw, is not a few bad
 * events: the source or the feed is broken, and publishing the rest would hide it. The ratio is
 * judged only once more than 10 rows were set aside: on a quiet window a single bad row is a large
 * share (one of five is 20 %) yet still a few bad events, while a dozen bad rows that are also a
 * tenth of the window is a broken source at any size.
 */
export const DEFAULT_QUARANTINE_MAX_ROWS = 1000;
export const DEFAULT_QUARANTINE_MAX_RATIO = 0.1;
export const DEFAULT_QUARANTINE_RATIO_MIN_ROWS = 10;

export interface QuarantineThreshold {
  maxRows: number;
  maxRatio: number;
  /** maxRatio applies only when more rows than this were set aside */
  ratioMinRows: number;
}

/** The feed's `quarantine` field with the defaults filled in. */
export function quarantineThreshold(feed: Pick<Feed, 'quarantine'>): QuarantineThreshold {
  return {
    maxRows: feed.quarantine?.maxRows ?? DEFAULT_QUARANTINE_MAX_ROWS,
    maxRatio: feed.quarantine?.maxRatio ?? DEFAULT_QUARANTINE_MAX_RATIO,
    ratioMinRows: feed.quarantine?.ratioMinRows ?? DEFAULT_QUARANTINE_RATIO_MIN_ROWS,
  };
}

/** Which limit `quarantined` of `seen` rows breaks, as a phrase; null when within both. */
export function thresholdBreach(threshold: QuarantineThreshold, seen: number, quarantined: number): string | null {
  const ratio = seen === 0 ? 0 : quarantined / seen;
  const broken = [
    ...(quarantined > threshold.maxRows ? [`more than maxRows ${threshold.maxRows}`] : []),
    ...(quarantined > threshold.ratioMinRows && ratio > threshold.maxRatio ? [`${(ratio * 100).toFixed(1)} % of ${seen} rows, more than maxRatio ${threshold.maxRatio}`] : []),
  ];
  return broken.length === 0 ? null : broken.join('; ');
}
