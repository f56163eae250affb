import { describe, expect, it } from 'vitest';
import { DAY_MS, DayTimeline } from '../../../generator/day-timeline.js';
import { GeneratedDays, generateTransactions } from '../../../generator/generated-days.js';
import { Prng } from '../../../generator/prng.js';

const DAY = Date.parse('2026-11-24T00:00:00Z');

/** The eager algorithm the timeline replaces: every timestamp of the day, then one sort. */
function eagerDay(prng: Prng, dayStartMs: number, count: number): number[] {
  const hour = 3_600_000;
  const stamps: number[] = [];
  const onTheHour = Math.min(24, Math.floor(count / 8));
  for (let k = 0; k < onTheHour; k++) stamps.push(dayStartMs + Math.floor((k * 24) / onTheHour) * hour);
  const justBefore = Math.min(23, Math.floor(count / 16));
  for (let k = 0; k < justBefore; k++) stamps.push(dayStartMs + (1 + Math.floor((k * 23) / justBefore)) * hour - 1);
  while (stamps.length < count) stamps.push(dayStartMs + Math.floor(prng.next() * DAY_MS));
  return stamps.sort((a, b) => a - b);
}

describe('Prng state', () => {
  it('fromState(snapshot) continues the sequence, and skip(n) equals n draws', () => {
    const a = new Prng(42);
    a.next();
    const b = Prng.fromState(a.snapshot());
    expect([b.next(), b.next()]).toEqual([a.next(), a.next()]);
    const c = Prng.fromState(a.snapshot()).skip(1000);
    for (let i = 0; i < 1000; i++) a.next();
    expect(c.next()).toBe(a.next());
  });
});

describe('DayTimeline', () => {
  it.each([[5, 1_000_000], [2400, 1_000_000], [20_000, 1_000], [3000, 1]])(
    '%i rows, segments of at most %i: the same sorted day as one eager sort', (count, cap) => {
      const state = new Prng(9).fork(2).snapshot();
      const eager = eagerDay(Prng.fromState(state), DAY, count);
      const timeline = new DayTimeline(state, DAY, count, cap);
      expect([...timeline.stamps(0, count)]).toEqual(eager);
      expect([...timeline.stamps(777 % count, 1234 % count + 1)]).toEqual(eager.slice(777 % count, 1234 % count + 1));
    });

  it('counts the timestamps below any instant exactly, boundaries included', () => {
    const state = new Prng(3).snapshot();
    const eager = eagerDay(Prng.fromState(state), DAY, 5000);
    const timeline = new DayTimeline(state, DAY, 5000, 700);
    for (const ms of [DAY - 1, DAY, DAY + 1, DAY + 10 * 3_600_000, DAY + 10 * 3_600_000 - 1, DAY + 12_345_678, DAY + DAY_MS]) {
      expect(timeline.countBefore(ms)).toBe(eager.filter((t) => t < ms).length);
    }
  });
});

describe('GeneratedDays', () => {
  const opts = { seed: 5, start: '2026-11-24T00:00:00Z', days: 3, rowsPerDay: 3000 };

  it('serves any offset range as a slice of the whole, whatever the segment size', () => {
    const all = generateTransactions(opts);
    const small = new GeneratedDays(opts, 128);
    expect([...small.range(0, small.count)]).toEqual(all);
    // Deep ranges first, so checkpoints are learnt while seeking, then ranges across a day boundary.
    for (const [from, to] of [[8000, 8010], [2990, 3020], [4095, 4097], [0, 3]]) {
      expect([...small.range(from, to)]).toEqual(all.slice(from, to));
    }
  });

  it('finds the offset of an instant across days', () => {
    const all = generateTransactions(opts);
    const days = new GeneratedDays(opts);
    for (const ms of [0, Date.parse(opts.start), all[4321]!.timestamp, all[6000]!.timestamp + 1, Date.parse(opts.start) + 3 * DAY_MS]) {
      const expected = all.findIndex((t) => t.timestamp >= ms);
      expect(days.offsetOf(ms)).toBe(expected < 0 ? all.length : expected);
    }
  });
});
