import type { BlacklistEntry, Transaction } from '../../generator/transaction-schema.js';
import { BlacklistLog, type TopicPosition } from './blacklist-log.js';
import {
  anonymizedRow, blacklistedRow, flattenedRows, transactionStreamRow, type StandinRow,
} from './compute-streams.js';
import { TABLE_NAMES, TableAggregates, blacklistRows, type TableName } from './compute-tables.js';
import { GeneratedTopic } from './generated-topic.js';

/** The data behind the stand-in, as its input topics stand now. */
export interface StandinDataset {
  /**
   * every transaction that exists now, in offset order: built afresh on each read, so meant for
   * tests and small datasets (the server itself never holds the generated rows)
   */
  readonly transactions: Transaction[];
  /** the BLACKLIST table's current state (one entry per user_id) */
  readonly blacklist: BlacklistEntry[];
}

/** A ROWTIME range `[from, to)` in epoch millis; open ends are ±Infinity. */
export interface RowtimeWindow {
  from: number;
  to: number;
}

export const ALL_TIME: RowtimeWindow = Object.freeze({ from: -Infinity, to: Infinity });

interface TopicRecord {
  tx: Transaction;
  position: TopicPosition;
}

/**
 * Serves every source's rows from the input topics: the generated transactions (produced on
 * demand, never held), then the few transactions INSERTed through /ksql, kept in memory and
 * appended after them. Streams are computed lazily, one transaction at a time; the tables are
 * folded in one pass over the generated rows, cached, and brought up to date by folding only
 * the rows that appeared since (live mode); inserted rows are folded on top of a copy.
 */
export class SourceStore {
  readonly dataset: StandinDataset;
  private readonly generated: GeneratedTopic;
  private readonly inserted: Transaction[];
  private readonly blacklist: BlacklistLog;
  private tables: { count: number; aggregates: TableAggregates } | undefined;
  private tablesWithInserted: { count: number; inserted: number; aggregates: TableAggregates } | undefined;

  /**
   * `transactions` is the generated topic, or a plain list (tests), held as if it had been
   * inserted. `now` is the clock that decides which live rows exist.
   */
  constructor(transactions: GeneratedTopic | Transaction[], blacklist: BlacklistEntry[], readonly now: () => number = Date.now) {
    this.generated = Array.isArray(transactions) ? new GeneratedTopic(null, null) : transactions;
    this.inserted = Array.isArray(transactions) ? transactions : [];
    this.blacklist = new BlacklistLog(blacklist);
    const store = this;
    this.dataset = {
      get transactions() { return [...store.records(ALL_TIME)].map((r) => r.tx); },
      blacklist: this.blacklist.entries,
    };
  }

  /** Rows of one source (upper-case name) in output order, produced lazily; throws for an unknown name. */
  scan(name: string, window: RowtimeWindow = ALL_TIME): Iterable<StandinRow> {
    switch (name) {
      case 'TRANSACTION_STREAM': return this.mapRecords(window, ({ tx }) => [transactionStreamRow(tx)]);
      case 'TRANSACTION_FLATTENED': return this.mapRecords(window, ({ tx }) => flattenedRows(tx));
      case 'TRANSACTION_STREAM_ANONYMIZED': return this.mapRecords(window, ({ tx }) => [anonymizedRow(tx)]);
      case 'TRANSACTION_STREAM_BLACKLISTED': return this.mapRecords(window, ({ tx, position }) => {
        const row = blacklistedRow(tx, this.blacklist.match(tx, position));
        return row ? [row] : [];
      });
      case 'BLACKLIST': return blacklistRows(this.blacklist.entries);
      default:
        if (!(TABLE_NAMES as readonly string[]).includes(name)) throw new Error(`unknown source ${name}`);
        return this.aggregates().rows(name as TableName);
    }
  }

  /** Every row of one source, in memory: for tests and small datasets. */
  rows(name: string): StandinRow[] {
    return [...this.scan(name)];
  }

  /** Appends one record to the `transactions` topic. */
  insertTransaction(tx: Transaction): void {
    this.inserted.push(tx);
  }

  /** Writes one record to the `blacklist` topic: an upsert by user_id, seen by later transactions. */
  upsertBlacklist(entry: BlacklistEntry): void {
    this.blacklist.upsert(entry, this.inserted.length, this.now());
  }

  private *mapRecords(window: RowtimeWindow, rowsOf: (record: TopicRecord) => StandinRow[]): Generator<StandinRow> {
    for (const record of this.records(window)) yield* rowsOf(record);
  }

  /** The transactions topic in offset order, narrowed to a ROWTIME window. */
  private *records(window: RowtimeWindow): Generator<TopicRecord> {
    const generated: TopicPosition = { kind: 'generated', live: this.generated.isLive };
    for (const tx of this.generated.scan(window.from, window.to, this.now())) yield { tx, position: generated };
    // Read by index: an INSERT while a query streams extends what it sees, as a topic would.
    for (let index = 0; index < this.inserted.length; index++) {
      const tx = this.inserted[index]!;
      if (tx.timestamp >= window.from && tx.timestamp < window.to) yield { tx, position: { kind: 'inserted', index } };
    }
  }

  /** The tables as of now: the cached fold of the generated rows, brought up to date, plus the inserted ones. */
  private aggregates(): TableAggregates {
    const count = this.generated.countAt(this.now());
    // A clock that went back (only a test clock does) rebuilds from scratch.
    if (!this.tables || count < this.tables.count) this.tables = { count: 0, aggregates: TableAggregates.empty() };
    for (const tx of this.generated.range(this.tables.count, count)) this.tables.aggregates.add(tx);
    this.tables.count = count;
    if (this.inserted.length === 0) return this.tables.aggregates;
    const cached = this.tablesWithInserted;
    if (cached && cached.count === count && cached.inserted === this.inserted.length) return cached.aggregates;
    const aggregates = this.tables.aggregates.clone();
    for (const tx of this.inserted) aggregates.add(tx);
    this.tablesWithInserted = { count, inserted: this.inserted.length, aggregates };
    return aggregates;
  }
}
