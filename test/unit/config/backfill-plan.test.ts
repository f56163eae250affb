import { describe, expect, it } from 'vitest';
import { backfillChunks, missingRuns, planBackfill } from '../../../config/backfill-plan.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => new Date(iso).toISOString();

describe('backfill planning', () => {
  it('cuts a range into chunks on the UTC grid of the chunk size, clipped at both ends', () => {
    expect(backfillChunks({ start: '2026-10-01T06:00:00Z', end: '2026-10-03T03:00:00Z' }, DAY)).toEqual([
      { start: at('2026-10-01T06:00:00Z'), end: at('2026-10-02T00:00:00Z') },
      { start: at('2026-10-02T00:00:00Z'), end: at('2026-10-03T00:00:00Z') },
      { start: at('2026-10-03T00:00:00Z'), end: at('2026-10-03T03:00:00Z') },
    ]);
    expect(backfillChunks({ start: '2026-10-01T00:00:00Z', end: '2026-10-01T00:00:00Z' }, DAY)).toEqual([]);
  });

  it('finds the missing slots of a chunk as maximal runs, including at both edges', () => {
    const held = new Set([2, 3, 7].map((h) => Date.parse('2026-10-01T00:00:00Z') + h * HOUR));
    const runs = missingRuns({ start: '2026-10-01T00:00:00Z', end: '2026-10-01T10:00:00Z', slotMs: HOUR }, (slot) => held.has(slot));
    expect(runs).toEqual([
      { start: at('2026-10-01T00:00:00Z'), end: at('2026-10-01T02:00:00Z') },
      { start: at('2026-10-01T04:00:00Z'), end: at('2026-10-01T07:00:00Z') },
      { start: at('2026-10-01T08:00:00Z'), end: at('2026-10-01T10:00:00Z') },
    ]);
    expect(missingRuns({ start: '2026-10-01T00:00:00Z', end: '2026-10-01T02:00:00Z', slotMs: HOUR }, () => true)).toEqual([]);
  });

  it('plans one export per chunk, or with --missing-only the missing runs and the count skipped', () => {
    const range = { start: '2026-10-01T00:00:00Z', end: '2026-10-03T00:00:00Z', slotMs: HOUR };
    expect(planBackfill(range, DAY).map((c) => [c.runs.length, c.skipped])).toEqual([[1, 0], [1, 0]]);
    const day2 = Date.parse('2026-10-02T00:00:00Z');
    const plan = planBackfill(range, DAY, (slot) => slot < day2 || slot !== day2 + 5 * HOUR);
    expect(plan).toEqual([
      { start: at('2026-10-01T00:00:00Z'), end: at('2026-10-02T00:00:00Z'), runs: [], skipped: 24 },
      { start: at('2026-10-02T00:00:00Z'), end: at('2026-10-03T00:00:00Z'), runs: [{ start: at('2026-10-02T05:00:00Z'), end: at('2026-10-02T06:00:00Z') }], skipped: 23 },
    ]);
  });
});
