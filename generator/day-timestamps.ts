import type { Prng } from './prng.js';

const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * `count` epoch-millisecond timestamps inside `[dayStartMs, dayStartMs + 1 day)`, sorted.
 *
 * Some rows sit exactly on an hour boundary and some on the last millisecond before one, so that
 * exporters cutting half-open `[start, end)` hour windows are tested on both edges: a row at
 * 10:00:00.000 belongs to the 10:00 window and never to the 09:00 one.
 */
export function dayTimestamps(prng: Prng, dayStartMs: number, count: number): number[] {
  const stamps: number[] = [];
  const onTheHour = Math.min(24, Math.floor(count / 8));
  for (let k = 0; k < onTheHour; k++) {
    stamps.push(dayStartMs + Math.floor((k * 24) / onTheHour) * HOUR_MS);
  }
  const justBefore = Math.min(23, Math.floor(count / 16));
  for (let k = 0; k < justBefore; k++) {
    stamps.push(dayStartMs + (1 + Math.floor((k * 23) / justBefore)) * HOUR_MS - 1);
  }
  while (stamps.length < count) {
    stamps.push(dayStartMs + Math.floor(prng.next() * DAY_MS));
  }
  return stamps.sort((a, b) => a - b);
}
