import { describe, expect, it } from 'vitest';
import { streamFeedSchema } from '../../../config/feed-schema.js';
import { quarantineThreshold, thresholdBreach } from '../../../config/quarantine-threshold.js';

describe('a feed\'s quarantine threshold', () => {
  const feed = (quarantine?: unknown) => streamFeedSchema.safeParse({ id: 's', kind: 'stream', source: 'S', ...(quarantine !== undefined && { quarantine }) });

  it('defaults to 1,000 rows and a tenth of the rows seen; each field may be given alone', () => {
    expect(quarantineThreshold(feed().data!)).toEqual({ maxRows: 1000, maxRatio: 0.1 });
    expect(quarantineThreshold(feed({ maxRows: 0 }).data!)).toEqual({ maxRows: 0, maxRatio: 0.1 });
    expect(quarantineThreshold(feed({ maxRatio: 0.01 }).data!)).toEqual({ maxRows: 1000, maxRatio: 0.01 });
  });

  it('refuses a ratio above 1, a negative count and unknown fields, naming the field', () => {
    expect(feed({ maxRatio: 1.5 }).error?.issues[0]?.path).toEqual(['quarantine', 'maxRatio']);
    expect(feed({ maxRows: -1 }).error?.issues[0]?.path).toEqual(['quarantine', 'maxRows']);
    expect(feed({ maxRow: 3 }).success).toBe(false);
  });

  it('is broken by more than maxRows or a ratio above maxRatio, never by reaching them', () => {
    const t = { maxRows: 10, maxRatio: 0.1 };
    expect(thresholdBreach(t, 100, 10)).toBeNull();
    expect(thresholdBreach(t, 1000, 11)).toBe('more than maxRows 10');
    expect(thresholdBreach(t, 50, 6)).toBe('12.0 % of 50 rows, more than maxRatio 0.1');
    expect(thresholdBreach(t, 0, 0)).toBeNull();
    expect(thresholdBreach({ maxRows: 0, maxRatio: 1 }, 40, 1)).toBe('more than maxRows 0');
  });
});
