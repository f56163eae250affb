/**
 * A seeded pseudo-random generator (mulberry32). The generator never touches Math.random so the
 * same seed gives byte-identical datasets on every machine, which is what lets tests and the
 * stand-in agree on the data without shipping it.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    // Mix the seed once so that neighbouring seeds (42, 43) do not start on similar sequences.
    this.state = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ 0xc2b2ae35) >>> 0;
  }

  /** A generator resuming exactly where one whose `snapshot()` gave `state` stood. */
  static fromState(state: number): Prng {
    const prng = new Prng(0);
    prng.state = state >>> 0;
    return prng;
  }

  /** The whole internal state: `Prng.fromState(p.snapshot())` continues p's sequence. */
  snapshot(): number {
    return this.state;
  }

  /** Skips `draws` calls to `next()` in O(1): mulberry32's state only ever adds a constant. */
  skip(draws: number): this {
    this.state = (this.state + Math.imul(draws, 0x6d2b79f5)) >>> 0;
    return this;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('Prng.pick: empty list');
    return item;
  }

  /** Picks by relative weight, e.g. `[['EUR', 40], ['JPY', 8]]`. */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }

  /** An independent generator derived from this seed and a label, so adding draws in one
   *  part of the dataset (say, products) does not shift every value drawn after it. */
  fork(label: number): Prng {
    return new Prng((Math.imul(this.state ^ label, 0x27d4eb2d) + label) | 0);
  }
}
