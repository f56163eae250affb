import type { BlacklistEntry, Transaction } from '../../generator/transaction-schema.js';
import { maskKeepRight, regexpReplace } from './ksql-functions.js';

/**
 * The four streams of the pipeline, computed one transaction at a time the way the CSAS
 * statements of `ksql/` define them, so a stream is produced lazily in topic order (offset
 * order, which for generated data is time order); ROWTIME is the `timestamp` column, which the
 * derived streams inherit.
 */
export interface StandinRow {
  /** epoch millis: the record timestamp ksqlDB exposes as ROWTIME */
  rowtime: number;
  /** column values in the source's column order; STRUCTs are objects keyed by upper-case field */
  values: unknown[];
}

function productStructs(tx: Transaction): Array<Record<string, unknown>> {
  return tx.products.map((p) => ({
    PRODUCT_ID: p.product_id, NAME: p.name, CATEGORY: p.category, QUANTITY: p.quantity, UNIT_PRICE: p.unit_price,
  }));
}

export function transactionStreamRow(tx: Transaction): StandinRow {
  return {
    rowtime: tx.timestamp,
    values: [tx.transaction_id, tx.user_id, tx.amount, tx.currency, tx.payment_method, tx.card_number,
      tx.ip_address, productStructs(tx), tx.timestamp],
  };
}

/** EXPLODE(products): one row per array element, in array order; an empty array yields none. */
export function flattenedRows(tx: Transaction): StandinRow[] {
  return tx.products.map((p) => ({
    rowtime: tx.timestamp,
    values: [tx.transaction_id, tx.user_id, tx.currency, tx.payment_method, p.product_id, p.name, p.category,
      p.quantity, p.unit_price, tx.timestamp],
  }));
}

export function anonymizedRow(tx: Transaction): StandinRow {
  return {
    rowtime: tx.timestamp,
    values: [tx.transaction_id, tx.user_id, tx.amount, tx.currency, tx.payment_method,
      maskKeepRight(tx.card_number, 4, 'X', 'x', '*', '-'), regexpReplace(tx.ip_address, '[0-9]+$', '0'),
      productStructs(tx), tx.timestamp],
  };
}

/** Stream–table INNER JOIN on user_id: `match` is the BLACKLIST entry as the record saw it, if any. */
export function blacklistedRow(tx: Transaction, match: BlacklistEntry | undefined): StandinRow | null {
  if (!match) return null;
  return {
    rowtime: tx.timestamp,
    values: [tx.user_id, tx.transaction_id, tx.amount, tx.currency, tx.payment_method, tx.ip_address,
      match.reason, tx.timestamp],
  };
}
