import { describe, expect, it } from 'vitest';
import { LiveTransactions } from '../../../generator/live-transactions.js';
import { transactionSchema } from '../../../generator/transaction-schema.js';

const START = Date.parse('2026-11-25T00:00:00Z');

describe('LiveTransactions', () => {
  it('spaces rows at the rate and counts them exactly, for rates that do not divide a second', () => {
    for (const rate of [3, 7, 0.5, 1000]) {
      const live = new LiveTransactions(42, START, rate, 0);
      const stamps = Array.from({ length: 5000 }, (_, i) => live.timestampOf(i));
      for (const ms of [START - 5, START, START + 1, START + 999, START + 1000, START + 4321, stamps[4000]!, stamps[4000]! + 1]) {
        expect(live.countBefore(ms)).toBe(stamps.filter((t) => t < ms).length);
      }
      expect(stamps.filter((t) => t < START + 60_000)).toHaveLength(Math.min(5000, Math.ceil(60 * rate)));
    }
  });

  it('draws row i from (seed, i) alone: same row in any order, valid, ids after the fixed rows', () => {
    const a = new LiveTransactions(42, START, 3, 2400);
    const b = new LiveTransactions(42, START, 3, 2400);
    const forward = [...a.range(0, 50)];
    const backward = Array.from({ length: 50 }, (_, i) => b.at(49 - i)).reverse();
    expect(backward).toEqual(forward);
    for (const tx of forward) transactionSchema.parse(tx);
    expect(forward[0]!.transaction_id).toBe('tx-002401');
    expect(new LiveTransactions(43, START, 3, 2400).at(7)).not.toEqual(forward[7]);
  });

  it('refuses a rate that is not a positive number', () => {
    expect(() => new LiveTransactions(1, START, 0, 0)).toThrow(/positive/);
    expect(() => new LiveTransactions(1, START, Number.NaN, 0)).toThrow(/positive/);
  });
});
