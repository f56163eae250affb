import type { BlacklistEntry, Transaction } from '../../generator/transaction-schema.js';
import { anonymizedRows, blacklistedRows, flattenedRows, transactionStreamRows } from './compute-streams.js';
import type { BlacklistChange, SourceRow } from './compute-streams.js';
import {
  blacklistRows, paymentMethodTotalsRows, productPurchaseCountsRows, userTransactionSummaryEurRows,
  userTransactionSummaryRows,
} from './compute-tables.js';

/** The live data behind the stand-in: the input topics, as arrays in offset order. */
export interface StandinDataset {
  transactions: Transaction[];
  /** the BLACKLIST table's current state (one entry per user_id) */
  blacklist: BlacklistEntry[];
}

/**
 * Holds the input topics and serves every source's rows, computed on first use and cached until
 * an INSERT changes the inputs. Derived sources are recomputed from scratch: the data is small
 * and a full recompute cannot drift from what the DDL defines.
 */
export class SourceStore {
  readonly dataset: StandinDataset;
  private readonly blacklistLog: BlacklistChange[];
  private readonly cache = new Map<string, SourceRow[]>();

  constructor(transactions: Transaction[], blacklist: BlacklistEntry[]) {
    this.dataset = { transactions, blacklist: dedupeByUser(blacklist) };
    this.blacklistLog = this.dataset.blacklist.map((entry) => ({ entry, fromOffset: 0 }));
  }

  /** Rows of one source (upper-case name); throws for an unknown name. */
  rows(name: string): readonly SourceRow[] {
    let rows = this.cache.get(name);
    if (!rows) this.cache.set(name, (rows = this.compute(name)));
    return rows;
  }

  /** Appends one record to the `transactions` topic. */
  insertTransaction(tx: Transaction): void {
    this.dataset.transactions.push(tx);
    this.cache.clear();
  }

  /** Writes one record to the `blacklist` topic: an upsert by user_id, seen by later transactions. */
  upsertBlacklist(entry: BlacklistEntry): void {
    const index = this.dataset.blacklist.findIndex((e) => e.user_id === entry.user_id);
    if (index >= 0) this.dataset.blacklist[index] = entry;
    else this.dataset.blacklist.push(entry);
    this.blacklistLog.push({ entry, fromOffset: this.dataset.transactions.length });
    this.cache.clear();
  }

  private compute(name: string): SourceRow[] {
    const txs = this.dataset.transactions;
    switch (name) {
      case 'TRANSACTION_STREAM': return transactionStreamRows(txs);
      case 'TRANSACTION_FLATTENED': return flattenedRows(txs);
      case 'TRANSACTION_STREAM_ANONYMIZED': return anonymizedRows(txs);
      case 'TRANSACTION_STREAM_BLACKLISTED': return blacklistedRows(txs, this.blacklistLog);
      case 'BLACKLIST': return blacklistRows(this.dataset.blacklist);
      case 'USER_TRANSACTION_SUMMARY': return userTransactionSummaryRows(txs);
      case 'USER_TRANSACTION_SUMMARY_EUR': return userTransactionSummaryEurRows(txs);
      case 'PAYMENT_METHOD_TOTALS': return paymentMethodTotalsRows(txs);
      case 'PRODUCT_PURCHASE_COUNTS': return productPurchaseCountsRows(this.rows('TRANSACTION_FLATTENED'));
      default: throw new Error(`unknown source ${name}`);
    }
  }
}

function dedupeByUser(entries: readonly BlacklistEntry[]): BlacklistEntry[] {
  // A table keeps the last value per key, as compaction would.
  return [...new Map(entries.map((e) => [e.user_id, e])).values()];
}
