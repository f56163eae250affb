import { describe, expect, it } from 'vitest';
import { slotRangeProblem } from '../../../config/slot-range-problem.js';

const HOUR = 3_600_000;

describe('slotRangeProblem', () => {
  it('accepts whole slots, one or many', () => {
    expect(slotRangeProblem('2026-11-24T10:00:00Z', '2026-11-24T11:00:00Z', HOUR)).toBeNull();
    expect(slotRangeProblem('2026-11-24T00:00:00Z', '2026-11-25T00:00:00Z', HOUR)).toBeNull();
  });

  it.each([
    ['2026-11-24T10:30:00Z', '2026-11-24T11:30:00Z', 'must lie on 60-minute slot boundaries'],
    ['2026-11-24T11:00:00Z', '2026-11-24T10:00:00Z', 'must come after start'],
    ['2026-11-24T10:00:00Z', '2026-11-24T10:00:00Z', 'must come after start'],
    ['yesterday', '2026-11-24T10:00:00Z', 'start "yesterday" is not an ISO instant'],
    ['2026-11-24T10:00:00Z', 'soon', 'end "soon" is not an ISO instant'],
  ])('names what is wrong with [%s, %s)', (start, end, problem) => {
    expect(slotRangeProblem(start, end, HOUR)).toContain(problem);
  });
});
