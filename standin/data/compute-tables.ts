import type { BlacklistEntry, Transaction } from '../../generator/transaction-schema.js';
import type { StandinRow } from './compute-streams.js';
import { ksqlRound } from './ksql-functions.js';

/**
 * The aggregate tables, as their CTAS statements define them, folded one transaction at a time
 * so they are built in one streaming pass with memory proportional to the keys (users, payment
 * methods, products), never to the rows. Aggregates fold records in offset order with IEEE
 * doubles, like ksqlDB's UDAFs (SUM adds one value at a time, AVG keeps sum and count), so sums
 * carry the same rounding noise a real server produces. A table row's ROWTIME is the largest
 * timestamp that contributed to it (Kafka Streams keeps the max on aggregation). Rows come out
 * sorted by key: a real table scan returns them per partition in key-byte order.
 */
interface Group<T> {
  rowtime: number;
  state: T;
}

type Groups<T> = Map<string, Group<T>>;

interface UserSummary { count: number; sum: number; max: number; currency: string; ts: number }
interface UserSummaryEur { count: number; sum: number }
interface MethodTotals { count: number; sum: number; users: Set<string> }
interface ProductCounts { name: string; count: number; units: number }

export const TABLE_NAMES = [
  'USER_TRANSACTION_SUMMARY', 'USER_TRANSACTION_SUMMARY_EUR', 'PAYMENT_METHOD_TOTALS', 'PRODUCT_PURCHASE_COUNTS',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

/** Searched CASE with the DDL's fixed rates; any other currency that passes the WHERE is EUR. */
export function toEur(currency: string, amount: number): number {
  if (currency === 'USD') return amount * 0.92;
  if (currency === 'GBP') return amount * 1.17;
  if (currency === 'CHF') return amount * 1.04;
  return amount;
}

const EUR_TABLE_CURRENCIES = new Set(['EUR', 'USD', 'GBP', 'CHF']);

function fold<T>(groups: Groups<T>, key: string, rowtime: number, init: () => T, update: (state: T) => void): void {
  let group = groups.get(key);
  if (!group) groups.set(key, (group = { rowtime, state: init() }));
  group.rowtime = Math.max(group.rowtime, rowtime);
  update(group.state);
}

function sortedRows<T>(groups: Groups<T>, values: (key: string, state: T) => unknown[]): StandinRow[] {
  return [...groups.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => { const g = groups.get(key)!; return { rowtime: g.rowtime, values: values(key, g.state) }; });
}

function copy<T>(groups: Groups<T>, clone: (state: T) => T): Groups<T> {
  return new Map([...groups].map(([key, g]) => [key, { rowtime: g.rowtime, state: clone(g.state) }]));
}

/** The four CTAS tables over every transaction added so far, in the order they were added. */
export class TableAggregates {
  private constructor(
    private readonly users: Groups<UserSummary> = new Map(),
    private readonly usersEur: Groups<UserSummaryEur> = new Map(),
    private readonly methods: Groups<MethodTotals> = new Map(),
    private readonly products: Groups<ProductCounts> = new Map(),
  ) {}

  static empty(): TableAggregates {
    return new TableAggregates();
  }

  /** An independent copy, to fold a few more transactions into without touching this one. */
  clone(): TableAggregates {
    return new TableAggregates(copy(this.users, (s) => ({ ...s })), copy(this.usersEur, (s) => ({ ...s })),
      copy(this.methods, (s) => ({ ...s, users: new Set(s.users) })), copy(this.products, (s) => ({ ...s })));
  }

  add(t: Transaction): void {
    fold(this.users, t.user_id, t.timestamp, () => ({ count: 0, sum: 0, max: -Infinity, currency: '', ts: 0 }),
      (s) => { s.count++; s.sum += t.amount; s.max = Math.max(s.max, t.amount); s.currency = t.currency; s.ts = t.timestamp; });
    if (EUR_TABLE_CURRENCIES.has(t.currency)) {
      fold(this.usersEur, t.user_id, t.timestamp, () => ({ count: 0, sum: 0 }),
        (s) => { s.count++; s.sum += toEur(t.currency, t.amount); });
    }
    // COUNT_DISTINCT is a HyperLogLog estimate in ksqlDB; the stand-in gives the exact count.
    fold(this.methods, t.payment_method, t.timestamp, () => ({ count: 0, sum: 0, users: new Set<string>() }),
      (s) => { s.count++; s.sum += t.amount; s.users.add(t.user_id); });
    // From TRANSACTION_FLATTENED: one record per product line, in array order.
    for (const p of t.products) {
      fold(this.products, p.product_id, t.timestamp, () => ({ name: '', count: 0, units: 0 }),
        (s) => { s.name = p.name; s.count++; s.units += p.quantity; });
    }
  }

  rows(table: TableName): StandinRow[] {
    switch (table) {
      case 'USER_TRANSACTION_SUMMARY':
        return sortedRows(this.users, (key, s) => [key, s.count, s.sum, s.sum / s.count, s.max, s.currency, s.ts]);
      case 'USER_TRANSACTION_SUMMARY_EUR':
        return sortedRows(this.usersEur, (key, s) => [key, s.count, ksqlRound(s.sum, 2)]);
      case 'PAYMENT_METHOD_TOTALS':
        return sortedRows(this.methods, (key, s) => [key, s.count, ksqlRound(s.sum, 2), s.users.size]);
      case 'PRODUCT_PURCHASE_COUNTS':
        return sortedRows(this.products, (key, s) => [key, s.name, s.count, s.units]);
    }
  }
}

/** The BLACKLIST table's current state; ROWTIME is taken as `added_at` (when it was produced). */
export function blacklistRows(entries: readonly BlacklistEntry[]): StandinRow[] {
  return [...entries]
    .sort((a, b) => (a.user_id < b.user_id ? -1 : a.user_id > b.user_id ? 1 : 0))
    .map((e) => ({ rowtime: e.added_at, values: [e.user_id, e.reason, e.added_at] }));
}
