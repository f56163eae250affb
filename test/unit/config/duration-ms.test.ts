import { describe, expect, it } from 'vitest';
import { DURATION_PATTERN, durationMs, durationMsSchema, durationSyntax } from '../../../config/duration-ms.js';
import { waitDuration } from '../../../client/common/wait-duration.js';

describe('durations', () => {
  it('feed files: whole minutes, hours or days, never zero', () => {
    expect([durationMs('15m'), durationMs('1h'), durationMs('1d')]).toEqual([900_000, 3_600_000, 86_400_000]);
    for (const text of ['0m', '30s', '1w', '1.5h', 'h', '']) {
      expect(DURATION_PATTERN.test(text)).toBe(false);
      expect(() => durationMs(text)).toThrow(`"${text}" is not a duration like 15m, 1h or 1d`);
    }
  });

  it('each caller keeps its own units, zero only where allowed', () => {
    const grace = durationSyntax(['ms', 's', 'm'], { zero: true });
    expect(['500ms', '45s', '2m', '0s'].map(grace.ms)).toEqual([500, 45_000, 120_000, 0]);
    expect(['30', '1h', '-1s'].map(grace.ms)).toEqual([null, null, null]);
    expect(waitDuration.parse('90s')).toBe(90_000);
    expect(waitDuration.safeParse('0s').error?.issues[0]?.message).toBe('expected a duration like 30s, 10m or 2h');
    expect(waitDuration.safeParse('1d').success).toBe(false);
    expect(durationMsSchema(durationSyntax(['h']), 'hours please').safeParse('2m').error?.issues[0]?.message).toBe('hours please');
  });
});
