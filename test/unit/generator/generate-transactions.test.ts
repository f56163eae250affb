import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DATASET, blacklistEntrySchema, generateBlacklist, generateTransactions, transactionSchema,
} from '../../../generator/index.js';

const small = { seed: 7, start: '2026-11-24T00:00:00Z', days: 2, rowsPerDay: 300 };

describe('generateTransactions', () => {
  it('is deterministic: same options, same rows', () => {
    expect(generateTransactions(small)).toEqual(generateTransactions(small));
  });

  it('changes with the seed', () => {
    const a = generateTransactions(small);
    const b = generateTransactions({ ...small, seed: 8 });
    expect(a).toHaveLength(b.length);
    expect(JSON.stringify(a)).not.toEqual(JSON.stringify(b));
  });

  it('produces rows that match the zod schema', () => {
    for (const tx of generateTransactions(small)) transactionSchema.parse(tx);
  });

  it('numbers rows in time order and keeps every row inside its day', () => {
    const rows = generateTransactions(small);
    expect(rows).toHaveLength(600);
    expect(rows[0]!.transaction_id).toBe('tx-000001');
    expect(rows[599]!.transaction_id).toBe('tx-000600');
    const start = Date.parse(small.start);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.timestamp).toBeGreaterThanOrEqual(rows[i - 1]!.timestamp);
    expect(rows[0]!.timestamp).toBeGreaterThanOrEqual(start);
    expect(rows.at(-1)!.timestamp).toBeLessThan(start + 2 * 86_400_000);
    expect(rows.slice(0, 300).every((r) => r.timestamp < start + 86_400_000)).toBe(true);
  });

  it('puts rows exactly on hour boundaries and on the millisecond before them', () => {
    const stamps = new Set(generateTransactions(DEFAULT_DATASET).map((r) => r.timestamp));
    const start = Date.parse(DEFAULT_DATASET.start);
    for (let h = 0; h < 24; h++) expect(stamps.has(start + h * 3_600_000)).toBe(true);
    for (let h = 1; h < 24; h++) expect(stamps.has(start + h * 3_600_000 - 1)).toBe(true);
  });

  it('has the demo mix: ~200 users, ~50 products, some JPY, every payment method', () => {
    const rows = generateTransactions(DEFAULT_DATASET);
    expect(rows).toHaveLength(2400);
    const users = new Set(rows.map((r) => r.user_id));
    expect(users.size).toBeGreaterThan(150);
    expect(users.size).toBeLessThanOrEqual(200);
    expect(new Set(rows.flatMap((r) => r.products.map((p) => p.product_id))).size).toBe(50);
    const jpy = rows.filter((r) => r.currency === 'JPY').length;
    expect(jpy / rows.length).toBeGreaterThan(0.03);
    expect(jpy / rows.length).toBeLessThan(0.15);
    expect(new Set(rows.map((r) => r.payment_method)).size).toBe(5);
    expect(rows.some((r) => r.products.length === 4)).toBe(true);
  });

  it('rejects bad options', () => {
    expect(() => generateTransactions({ ...small, start: 'yesterday' })).toThrow();
    expect(() => generateTransactions({ ...small, days: 0 })).toThrow();
  });
});

describe('generateBlacklist', () => {
  it('is deterministic and valid', () => {
    const list = generateBlacklist(42);
    expect(list).toEqual(generateBlacklist(42));
    for (const entry of list) blacklistEntrySchema.parse(entry);
    expect(new Set(list.map((e) => e.user_id)).size).toBe(list.length);
  });

  it('lists users who transact and users who never do', () => {
    const users = new Set(generateTransactions(DEFAULT_DATASET).map((r) => r.user_id));
    const list = generateBlacklist(DEFAULT_DATASET.seed);
    expect(list.filter((e) => users.has(e.user_id)).length).toBeGreaterThanOrEqual(3);
    expect(list.some((e) => !users.has(e.user_id))).toBe(true);
    expect(list.every((e) => e.added_at < Date.parse(DEFAULT_DATASET.start))).toBe(true);
  });
});
