import { buildUsers, type CatalogUser } from './catalog.js';
import { drawTransaction, transactionId } from './draw-transaction.js';
import { Prng } from './prng.js';
import type { Transaction } from './transaction-schema.js';

// Labels no other part of the generator forks with, so live rows draw from their own streams.
const LIVE_LABEL = 5;

/**
 * An endless stream of transactions at a fixed rate after `startMs`: row i has timestamp
 * `startMs + ⌊i × 1000 / ratePerSecond⌋` and content drawn from a PRNG seeded by (seed, i) alone.
 * So a row never depends on when the process started or on which rows were read before it: a
 * window that has passed always holds the same rows. Ids continue the fixed days' numbering.
 */
export class LiveTransactions {
  private readonly users: readonly CatalogUser[];
  private readonly root: Prng;

  constructor(seed: number, readonly startMs: number, readonly ratePerSecond: number, private readonly firstOffset: number) {
    if (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond)) throw new Error(`live rate must be a positive number, got ${ratePerSecond}`);
    const root = new Prng(seed);
    this.users = buildUsers(root.fork(1));
    this.root = root.fork(LIVE_LABEL);
  }

  timestampOf(index: number): number {
    return this.startMs + Math.floor((index * 1000) / this.ratePerSecond);
  }

  /** How many rows have a timestamp below `ms`: the index of the first at or after it. */
  countBefore(ms: number): number {
    if (ms <= this.startMs) return 0;
    // The float estimate can be one off either way; settle it on the exact timestamps.
    let n = Math.max(0, Math.ceil(((ms - this.startMs) * this.ratePerSecond) / 1000) - 1);
    while (this.timestampOf(n) < ms) n++;
    while (n > 0 && this.timestampOf(n - 1) >= ms) n--;
    return n;
  }

  at(index: number): Transaction {
    return drawTransaction(this.root.fork(index), this.users, transactionId(this.firstOffset + index), this.timestampOf(index));
  }

  *range(from: number, to: number): Generator<Transaction> {
    for (let i = from; i < to; i++) yield this.at(i);
  }
}
