import { describe, expect, it } from 'vitest';
import { streamFeedSchema } from '../../../config/feed-schema.js';
import { slotCount } from '../../../config/backfill-plan.js';
import { slotRange, slotRangeProblem, slotRangeSchema } from '../../../config/slot-range.js';

const feed = streamFeedSchema.parse({ id: 'transaction_stream', kind: 'stream', source: 'TRANSACTION_STREAM', slot: '1h' });

describe('slotRange', () => {
  it('makes one slot by default, or a range of whole slots, with UTC instants normalised', () => {
    expect(slotRange(feed, '2026-11-24T10:00:00Z')).toEqual({
      feed: 'transaction_stream', start: '2026-11-24T10:00:00.000Z', end: '2026-11-24T11:00:00.000Z', slotMs: 3_600_000,
    });
    const day = slotRange(feed, '2026-11-24T02:00:00+02:00', '2026-11-25T00:00:00Z');
    expect(day).toMatchObject({ start: '2026-11-24T00:00:00.000Z', end: '2026-11-25T00:00:00.000Z' });
    expect(slotCount(day)).toBe(24);
    expect(slotRangeSchema.parse(JSON.parse(JSON.stringify(day)))).toEqual(day); // plain JSON through Temporal
  });

  it.each([
    ['2026-11-24T10:30:00Z', '2026-11-24T11:30:00Z', 'must lie on 60-minute slot boundaries'],
    ['2026-11-24T11:00:00Z', '2026-11-24T10:00:00Z', 'must come after start'],
    ['2026-11-24T10:00:00Z', '2026-11-24T10:00:00Z', 'must come after start'],
    ['yesterday', '2026-11-24T10:00:00Z', 'start "yesterday" is not an ISO instant'],
    ['2026-11-24T10:00:00Z', 'soon', 'end "soon" is not an ISO instant'],
  ])('names the feed and what is wrong with [%s, %s)', (start, end, problem) => {
    expect(() => slotRange(feed, start, end)).toThrow(RangeError);
    expect(() => slotRange(feed, start, end)).toThrow(`feed transaction_stream has 1h slots: `);
    expect(() => slotRange(feed, start, end)).toThrow(problem);
  });

  it('re-checks a range that travelled: a saved range without slotMs passes, one made for other slots does not', () => {
    expect(slotRangeProblem(feed, { start: '2026-11-24T10:00:00Z', end: '2026-11-24T12:00:00Z' })).toBeNull();
    expect(slotRangeProblem(feed, { start: '2026-11-24T10:00:00Z', end: '2026-11-24T12:00:00Z', slotMs: 60_000 }))
      .toContain('made for 1-minute slots, the feed now has 1h slots');
  });

  it('the schema refuses a range off its slot boundaries', () => {
    const bad = { feed: 'transaction_stream', start: '2026-11-24T10:30:00.000Z', end: '2026-11-24T11:00:00.000Z', slotMs: 3_600_000 };
    expect(slotRangeSchema.safeParse(bad).success).toBe(false);
  });
});
