import type { BlacklistEntry, Transaction } from '../../generator/transaction-schema.js';
import { maskKeepRight, regexpReplace } from './ksql-functions.js';

/**
 * The four streams of the pipeline, computed from the transactions the way the CSAS statements
 * of `ksql/` define them. Rows keep topic order (offset order), which for generated data is
 * time order; ROWTIME is the `timestamp` column, which the derived streams inherit.
 */
export interface SourceRow {
  /** epoch millis: the record timestamp ksqlDB exposes as ROWTIME */
  rowtime: number;
  /** column values in the source's column order; STRUCTs are objects keyed by upper-case field */
  values: unknown[];
}

/** A blacklist record and the transaction offset from which the join sees it. */
export interface BlacklistChange {
  entry: BlacklistEntry;
  fromOffset: number;
}

function productStructs(tx: Transaction): Array<Record<string, unknown>> {
  return tx.products.map((p) => ({
    PRODUCT_ID: p.product_id, NAME: p.name, CATEGORY: p.category, QUANTITY: p.quantity, UNIT_PRICE: p.unit_price,
  }));
}

export function transactionStreamRows(txs: readonly Transaction[]): SourceRow[] {
  return txs.map((tx) => ({
    rowtime: tx.timestamp,
    values: [tx.transaction_id, tx.user_id, tx.amount, tx.currency, tx.payment_method, tx.card_number,
      tx.ip_address, productStructs(tx), tx.timestamp],
  }));
}

/** EXPLODE(products): one row per array element, in array order; an empty array yields none. */
export function flattenedRows(txs: readonly Transaction[]): SourceRow[] {
  return txs.flatMap((tx) => tx.products.map((p) => ({
    rowtime: tx.timestamp,
    values: [tx.transaction_id, tx.user_id, tx.currency, tx.payment_method, p.product_id, p.name, p.category,
      p.quantity, p.unit_price, tx.timestamp],
  })));
}

export function anonymizedRows(txs: readonly Transaction[]): SourceRow[] {
  return txs.map((tx) => ({
    rowtime: tx.timestamp,
    values: [tx.transaction_id, tx.user_id, tx.amount, tx.currency, tx.payment_method,
      maskKeepRight(tx.card_number, 4, 'X', 'x', '*', '-'), regexpReplace(tx.ip_address, '[0-9]+$', '0'),
      productStructs(tx), tx.timestamp],
  }));
}

/**
 * Stream–table INNER JOIN on user_id. A stream record joins the table as it stands when the
 * record is processed: entries present from the start join every transaction; an entry inserted
 * later (through INSERT INTO blacklist) only joins transactions that arrive after it.
 */
export function blacklistedRows(txs: readonly Transaction[], changes: readonly BlacklistChange[]): SourceRow[] {
  const table = new Map<string, BlacklistEntry>();
  const pending = [...changes].sort((a, b) => a.fromOffset - b.fromOffset);
  let next = 0;
  const rows: SourceRow[] = [];
  txs.forEach((tx, offset) => {
    while (next < pending.length && pending[next]!.fromOffset <= offset) {
      const change = pending[next++]!;
      table.set(change.entry.user_id, change.entry);
    }
    const match = table.get(tx.user_id);
    if (!match) return;
    rows.push({
      rowtime: tx.timestamp,
      values: [tx.user_id, tx.transaction_id, tx.amount, tx.currency, tx.payment_method, tx.ip_address,
        match.reason, tx.timestamp],
    });
  });
  return rows;
}
