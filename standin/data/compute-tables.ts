import type { BlacklistEntry, Transaction } from '../../generator/transaction-schema.js';
import type { SourceRow } from './compute-streams.js';
import { ksqlRound } from './ksql-functions.js';

/**
 * The aggregate tables, as their CTAS statements define them. Aggregates fold records in offset
 * order with IEEE doubles, like ksqlDB's UDAFs (SUM adds one value at a time, AVG keeps sum and
 * count), so sums carry the same rounding noise a real server produces. A table row's ROWTIME is
 * the largest timestamp that contributed to it (Kafka Streams keeps the max on aggregation).
 * Rows come out sorted by key: a real table scan returns them per partition in key-byte order.
 */
interface Group<T> {
  key: string;
  rowtime: number;
  state: T;
}

function aggregate<R, T>(records: readonly R[], keyOf: (r: R) => string, timeOf: (r: R) => number,
  init: () => T, fold: (state: T, r: R) => void): Array<Group<T>> {
  const groups = new Map<string, Group<T>>();
  for (const record of records) {
    const key = keyOf(record);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, rowtime: timeOf(record), state: init() }));
    group.rowtime = Math.max(group.rowtime, timeOf(record));
    fold(group.state, record);
  }
  return [...groups.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function userTransactionSummaryRows(txs: readonly Transaction[]): SourceRow[] {
  return aggregate(txs, (t) => t.user_id, (t) => t.timestamp,
    () => ({ count: 0, sum: 0, max: -Infinity, currency: '', ts: 0 }),
    (s, t) => { s.count++; s.sum += t.amount; s.max = Math.max(s.max, t.amount); s.currency = t.currency; s.ts = t.timestamp; },
  ).map((g) => ({
    rowtime: g.rowtime,
    values: [g.key, g.state.count, g.state.sum, g.state.sum / g.state.count, g.state.max, g.state.currency, g.state.ts],
  }));
}

/** Searched CASE with the DDL's fixed rates; any other currency that passes the WHERE is EUR. */
export function toEur(currency: string, amount: number): number {
  if (currency === 'USD') return amount * 0.92;
  if (currency === 'GBP') return amount * 1.17;
  if (currency === 'CHF') return amount * 1.04;
  return amount;
}

const EUR_TABLE_CURRENCIES = new Set(['EUR', 'USD', 'GBP', 'CHF']);

export function userTransactionSummaryEurRows(txs: readonly Transaction[]): SourceRow[] {
  const kept = txs.filter((t) => EUR_TABLE_CURRENCIES.has(t.currency));
  return aggregate(kept, (t) => t.user_id, (t) => t.timestamp, () => ({ count: 0, sum: 0 }),
    (s, t) => { s.count++; s.sum += toEur(t.currency, t.amount); },
  ).map((g) => ({ rowtime: g.rowtime, values: [g.key, g.state.count, ksqlRound(g.state.sum, 2)] }));
}

export function paymentMethodTotalsRows(txs: readonly Transaction[]): SourceRow[] {
  // COUNT_DISTINCT is a HyperLogLog estimate in ksqlDB; the stand-in gives the exact count.
  return aggregate(txs, (t) => t.payment_method, (t) => t.timestamp,
    () => ({ count: 0, sum: 0, users: new Set<string>() }),
    (s, t) => { s.count++; s.sum += t.amount; s.users.add(t.user_id); },
  ).map((g) => ({ rowtime: g.rowtime, values: [g.key, g.state.count, ksqlRound(g.state.sum, 2), g.state.users.size] }));
}

/** From TRANSACTION_FLATTENED rows: [.., PRODUCT_ID(4), PRODUCT_NAME(5), .., QUANTITY(7), ..]. */
export function productPurchaseCountsRows(flattened: readonly SourceRow[]): SourceRow[] {
  return aggregate(flattened, (r) => r.values[4] as string, (r) => r.rowtime,
    () => ({ name: '', count: 0, units: 0 }),
    (s, r) => { s.name = r.values[5] as string; s.count++; s.units += r.values[7] as number; },
  ).map((g) => ({ rowtime: g.rowtime, values: [g.key, g.state.name, g.state.count, g.state.units] }));
}

/** The BLACKLIST table's current state; ROWTIME is taken as `added_at` (when it was produced). */
export function blacklistRows(entries: readonly BlacklistEntry[]): SourceRow[] {
  return [...entries]
    .sort((a, b) => (a.user_id < b.user_id ? -1 : a.user_id > b.user_id ? 1 : 0))
    .map((e) => ({ rowtime: e.added_at, values: [e.user_id, e.reason, e.added_at] }));
}
