import { Prng } from './prng.js';

const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

// The day is cut into buckets (DAY_MS / 1024 = 84,375 ms exactly) so sorted timestamps can be
// produced a few buckets at a time: a day of 5,000,000 rows never sits in memory at once.
const BUCKETS = 1024;
const BUCKET_MS = DAY_MS / BUCKETS;
/** Most timestamps sorted at once (a Float64Array of 8 MiB); a single fuller bucket still goes whole. */
export const DEFAULT_SEGMENT_CAP = 1 << 20;

/**
 * The sorted timestamps of one generated day, `count` of them inside `[dayStartMs, dayStartMs + 1 day)`,
 * served by position without holding the day in memory.
 *
 * Some rows sit exactly on an hour boundary and some on the last millisecond before one, so that
 * exporters cutting half-open `[start, end)` hour windows are tested on both edges: a row at
 * 10:00:00.000 belongs to the 10:00 window and never to the 09:00 one. The others are uniform
 * draws from a PRNG that starts at `prngState`; the day's timestamps are all of them, sorted.
 * The sort is done per segment of buckets, re-drawing the day's numbers (cheap) for each segment
 * and keeping only those that fall in it, so the result equals sorting the whole day at once.
 */
export class DayTimeline {
  /** how many PRNG draws the day takes: the next day's draws start that far on */
  readonly draws: number;
  private readonly fixed: number[];
  private histogram: Uint32Array | undefined;

  constructor(
    private readonly prngState: number,
    private readonly dayStartMs: number,
    readonly count: number,
    private readonly segmentCap = DEFAULT_SEGMENT_CAP,
  ) {
    this.fixed = boundaryStamps(dayStartMs, count);
    this.draws = count - this.fixed.length;
  }

  /** How many of the day's timestamps are below `ms`. */
  countBefore(ms: number): number {
    if (ms <= this.dayStartMs) return 0;
    if (ms >= this.dayStartMs + DAY_MS) return this.count;
    const bucket = this.bucketOf(ms);
    const histogram = this.counts();
    let below = 0;
    for (let b = 0; b < bucket; b++) below += histogram[b]!;
    this.eachStamp((stamp) => { if (stamp < ms && this.bucketOf(stamp) === bucket) below++; });
    return below;
  }

  /** The timestamps at positions `[from, to)` of the sorted day, in order. */
  *stamps(from: number, to: number): Generator<number> {
    const histogram = this.counts();
    let base = 0;
    let bucket = 0;
    while (bucket < BUCKETS && base < to) {
      let end = bucket;
      let size = 0;
      while (end < BUCKETS && (end === bucket || size + histogram[end]! <= this.segmentCap)) size += histogram[end++]!;
      if (base + size > from) {
        const sorted = this.segment(bucket, end, size);
        for (let i = Math.max(0, from - base); i < size && base + i < to; i++) yield sorted[i]!;
      }
      base += size;
      bucket = end;
    }
  }

  private segment(firstBucket: number, endBucket: number, size: number): Float64Array {
    const stamps = new Float64Array(size);
    let n = 0;
    this.eachStamp((stamp) => {
      const b = this.bucketOf(stamp);
      if (b >= firstBucket && b < endBucket) stamps[n++] = stamp;
    });
    return stamps.sort();
  }

  private counts(): Uint32Array {
    if (!this.histogram) {
      const histogram = new Uint32Array(BUCKETS);
      this.eachStamp((stamp) => { histogram[this.bucketOf(stamp)]!++; });
      this.histogram = histogram;
    }
    return this.histogram;
  }

  /** Every timestamp of the day, unsorted: the boundary ones, then the draws in PRNG order. */
  private eachStamp(visit: (stamp: number) => void): void {
    for (const stamp of this.fixed) visit(stamp);
    const prng = Prng.fromState(this.prngState);
    for (let i = 0; i < this.draws; i++) visit(this.dayStartMs + Math.floor(prng.next() * DAY_MS));
  }

  private bucketOf(stamp: number): number {
    return Math.floor((stamp - this.dayStartMs) / BUCKET_MS);
  }
}

function boundaryStamps(dayStartMs: number, count: number): number[] {
  const stamps: number[] = [];
  const onTheHour = Math.min(24, Math.floor(count / 8));
  for (let k = 0; k < onTheHour; k++) {
    stamps.push(dayStartMs + Math.floor((k * 24) / onTheHour) * HOUR_MS);
  }
  const justBefore = Math.min(23, Math.floor(count / 16));
  for (let k = 0; k < justBefore; k++) {
    stamps.push(dayStartMs + (1 + Math.floor((k * 23) / justBefore)) * HOUR_MS - 1);
  }
  return stamps;
}
