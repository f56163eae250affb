import { describe, expect, it } from 'vitest';
import { scheduledWindow } from '../../../workflows/scheduled-window.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const at = (iso: string) => Date.parse(iso);

describe('scheduled window', () => {
  it('a 1h schedule 5m late, fired at 10:05, exports [09:00, 10:00)', () => {
    expect(scheduledWindow(at('2026-10-01T10:05:00Z'), { slotMs: HOUR, delayMs: 5 * MIN, windowMs: HOUR }))
      .toEqual({ start: '2026-10-01T09:00:00.000Z', end: '2026-10-01T10:00:00.000Z' });
  });

  it('depends on the scheduled time only: the same run caught up hours late gets the same window', () => {
    const spec = { slotMs: HOUR, delayMs: 5 * MIN, windowMs: HOUR };
    const onTime = scheduledWindow(at('2026-10-01T10:05:00Z'), spec);
    // The scheduled (nominal) time is what the run receives, however late it starts; the clock never enters.
    expect(scheduledWindow(at('2026-10-01T10:05:00Z'), spec)).toEqual(onTime);
    expect(scheduledWindow(at('2026-10-01T15:05:00Z'), spec)).toEqual({ start: '2026-10-01T14:00:00.000Z', end: '2026-10-01T15:00:00.000Z' });
  });

  it('aligns down to a slot boundary when a cron time is not on one (one slot per run)', () => {
    expect(scheduledWindow(at('2026-10-01T10:17:30Z'), { slotMs: 15 * MIN, delayMs: 5 * MIN, windowMs: 15 * MIN }))
      .toEqual({ start: '2026-10-01T09:45:00.000Z', end: '2026-10-01T10:00:00.000Z' });
  });

  it('a delay longer than the interval exports an older window', () => {
    expect(scheduledWindow(at('2026-10-01T10:30:00Z'), { slotMs: 15 * MIN, delayMs: 30 * MIN, windowMs: 15 * MIN }))
      .toEqual({ start: '2026-10-01T09:45:00.000Z', end: '2026-10-01T10:00:00.000Z' });
  });

  it('an interval of several slots exports all of them; a daily window starts at UTC midnight', () => {
    expect(scheduledWindow(at('2026-10-02T00:10:00Z'), { slotMs: HOUR, delayMs: 10 * MIN, windowMs: 24 * HOUR }))
      .toEqual({ start: '2026-10-01T00:00:00.000Z', end: '2026-10-02T00:00:00.000Z' });
  });

  it('is UTC and free of daylight saving: the night Europe moves its clocks back still gives hour slots', () => {
    // 2026-10-25 01:00Z is when Central European Summer Time ends (03:00 CEST → 02:00 CET).
    const spec = { slotMs: HOUR, delayMs: 5 * MIN, windowMs: HOUR };
    expect(scheduledWindow(at('2026-10-25T01:05:00Z'), spec)).toEqual({ start: '2026-10-25T00:00:00.000Z', end: '2026-10-25T01:00:00.000Z' });
    expect(scheduledWindow(at('2026-10-25T02:05:00Z'), spec)).toEqual({ start: '2026-10-25T01:00:00.000Z', end: '2026-10-25T02:00:00.000Z' });
  });
});
