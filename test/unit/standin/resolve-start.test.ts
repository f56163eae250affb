import { describe, expect, it } from 'vitest';
import { resolveStart } from '../../../standin/resolve-start.js';

const NOW = Date.parse('2026-11-30T08:13:20.123Z');

describe('resolveStart', () => {
  it.each([
    ['2026-11-24T00:00:00Z', '2026-11-24T00:00:00.000Z'],
    ['2026-11-24T06:00:00+0100', '2026-11-24T05:00:00.000Z'],
    ['today', '2026-11-30T00:00:00.000Z'],
    ['today-1d', '2026-11-29T00:00:00.000Z'],
    ['today-40d', '2026-10-21T00:00:00.000Z'],
    ['today+2d', '2026-12-02T00:00:00.000Z'],
  ])('%s → %s', (start, iso) => expect(resolveStart(start, NOW)).toBe(iso));

  it.each(['yesterday', 'today-1', 'today - 1d', '1d', '', 'Nov 24 2026'])('refuses %j with what it accepts', (start) => {
    expect(() => resolveStart(start, NOW)).toThrow(/ISO-8601 instant such as 2026-11-24T00:00:00Z, or a day relative to today/);
  });
});
