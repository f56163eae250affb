import { describe, expect, it } from 'vitest';
import { streamFeedSchema } from '../../../config/feed-schema.js';
import { quarantineThreshold, thresholdBreach } from '../../../config/quarantine-threshold.js';

describe('a feed\'s quarantine threshold', () => {
  const feed = (quarantine?: unknown) => streamFeedSchema.safeParse({ id: 's', kind: 'stream', source: 'S', ...(quarantine !== undefined && { quarantine }) });

  it('defaults to 1,000 rows and a tenth of the rows seen past 10 bad rows; each field may be given alone', () => {
    expect(quarantineThreshold(feed().data!)).toEqual({ maxRows: 1000, maxRatio: 0.1, ratioMinRows: 10 });
    expect(quarantineThreshold(feed({ maxRows: 0 }).data!)).toEqual({ maxRows: 0, maxRatio: 0.1, ratioMinRows: 10 });
    expect(quarantineThreshold(feed({ maxRatio: 0.01 }).data!)).toEqual({ maxRows: 1000, maxRatio: 0.01, ratioMinRows: 10 });
    expect(quarantineThreshold(feed({ ratioMinRows: 0 }).data!)).toEqual({ maxRows: 1000, maxRatio: 0.1, ratioMinRows: 0 });
  });

  it('refuses a ratio above 1, a negative count and unknown fields, naming the field', () => {
    expect(feed({ maxRatio: 1.5 }).error?.issues[0]?.path).toEqual(['quarantine', 'maxRatio']);
    expect(feed({ maxRows: -1 }).error?.issues[0]?.path).toEqual(['quarantine', 'maxRows']);
    expect(feed({ ratioMinRows: 1.5 }).error?.issues[0]?.path).toEqual(['quarantine', 'ratioMinRows']);
    expect(feed({ maxRow: 3 }).success).toBe(false);
  });

  it('is broken by more than maxRows or a ratio above maxRatio, never by reaching them', () => {
    const t = { maxRows: 10, maxRatio: 0.1, ratioMinRows: 0 };
    expect(thresholdBreach(t, 100, 10)).toBeNull();
    expect(thresholdBreach(t, 1000, 11)).toBe('more than maxRows 10');
    expect(thresholdBreach(t, 50, 6)).toBe('12.0 % of 50 rows, more than maxRatio 0.1');
    expect(thresholdBreach(t, 0, 0)).toBeNull();
    expect(thresholdBreach({ maxRows: 0, maxRatio: 1, ratioMinRows: 0 }, 40, 1)).toBe('more than maxRows 0');
  });

  it('judges the ratio only once more than ratioMinRows rows were set aside', () => {
    const defaults = quarantineThreshold(feed().data!);
    // one bad row in a quiet five-row window: 20 %, but a single bad event
    expect(thresholdBreach(defaults, 5, 1)).toBeNull();
    expect(thresholdBreach(defaults, 50, 10)).toBeNull();
    // eleven bad rows that are a fifth of the window: a broken source, whatever the window's size
    expect(thresholdBreach(defaults, 55, 11)).toBe('20.0 % of 55 rows, more than maxRatio 0.1');
    expect(thresholdBreach(defaults, 11, 11)).toBe('100.0 % of 11 rows, more than maxRatio 0.1');
    expect(thresholdBreach({ ...defaults, ratioMinRows: 0 }, 5, 1)).toBe('20.0 % of 5 rows, more than maxRatio 0.1');
  });
});
