import type { GeneratedDays } from '../../generator/generated-days.js';
import type { LiveTransactions } from '../../generator/live-transactions.js';
import type { Transaction } from '../../generator/transaction-schema.js';

/**
 * The generated part of the `transactions` topic: the fixed days, then (in live mode) the live
 * stream from the end of the last day on. Both are time-sorted and the live rows start where
 * the days end, so the rows that exist at a given moment are always a prefix in offset order.
 * In live mode a row exists once its timestamp has passed (≤ now); without it, all fixed rows exist.
 */
export class GeneratedTopic {
  constructor(private readonly days: GeneratedDays | null, private readonly live: LiveTransactions | null) {}

  /** Whether rows appear as the clock advances (live mode). */
  get isLive(): boolean {
    return this.live !== null;
  }

  /** How many rows exist at `now`. */
  countAt(now: number): number {
    if (!this.live) return this.days?.count ?? 0;
    return this.offsetOf(now + 1);
  }

  /** The offset of the first row whose timestamp is ≥ `ms`. */
  offsetOf(ms: number): number {
    const fixed = this.days?.offsetOf(ms) ?? 0;
    const fixedCount = this.days?.count ?? 0;
    return fixed < fixedCount || !this.live ? fixed : fixedCount + this.live.countBefore(ms);
  }

  /** The rows that exist at `now` with a timestamp in `[fromMs, toMs)`, in offset order. */
  scan(fromMs: number, toMs: number, now: number): Generator<Transaction> {
    // In live mode nothing exists after now, which also keeps open bounds (±Infinity) finite.
    const [from, to] = this.live ? [Math.min(fromMs, now + 1), Math.min(toMs, now + 1)] : [fromMs, toMs];
    return this.range(this.offsetOf(from), Math.min(this.offsetOf(to), this.countAt(now)));
  }

  /** The rows at offsets `[from, to)`, in order. */
  *range(from: number, to: number): Generator<Transaction> {
    const fixedCount = this.days?.count ?? 0;
    if (this.days && from < fixedCount) yield* this.days.range(from, Math.min(to, fixedCount));
    if (this.live && to > fixedCount) yield* this.live.range(Math.max(0, from - fixedCount), to - fixedCount);
  }
}
