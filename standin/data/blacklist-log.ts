import type { BlacklistEntry, Transaction } from '../../generator/transaction-schema.js';

/** Where a transaction sits in the topic, which decides the blacklist changes it has seen. */
export type TopicPosition =
  /** generated; `live` when the stand-in runs in live mode, where a row arrives at its timestamp */
  | { kind: 'generated'; live: boolean }
  /** the index-th transaction INSERTed through /ksql */
  | { kind: 'inserted'; index: number };

interface BlacklistChange {
  entry: BlacklistEntry;
  /** null for the entries loaded at start, which every transaction sees */
  after: { insertedCount: number; at: number } | null;
}

/**
 * The BLACKLIST table and its history, for the stream–table join: a stream record joins the
 * table as it stands when the record is processed. Entries present from the start join every
 * transaction; an entry inserted later joins only the transactions that arrive after it: the
 * transactions INSERTed after it, and in live mode the generated rows whose timestamp is later
 * than the insert (fixed-day rows were all there before any insert).
 */
export class BlacklistLog {
  /** the table's current state, one entry per user_id */
  readonly entries: BlacklistEntry[];
  private readonly changes = new Map<string, BlacklistChange[]>();

  constructor(initial: readonly BlacklistEntry[]) {
    // A table keeps the last value per key, as compaction would.
    this.entries = [...new Map(initial.map((e) => [e.user_id, e])).values()];
    for (const entry of this.entries) this.changes.set(entry.user_id, [{ entry, after: null }]);
  }

  /** An upsert by user_id, made when `insertedCount` transactions had been inserted, at `at` (epoch ms). */
  upsert(entry: BlacklistEntry, insertedCount: number, at: number): void {
    const index = this.entries.findIndex((e) => e.user_id === entry.user_id);
    if (index >= 0) this.entries[index] = entry;
    else this.entries.push(entry);
    const history = this.changes.get(entry.user_id) ?? [];
    history.push({ entry, after: { insertedCount, at } });
    this.changes.set(entry.user_id, history);
  }

  /** The entry `tx`, at `position`, joins: the latest change of its user that it arrived after. */
  match(tx: Transaction, position: TopicPosition): BlacklistEntry | undefined {
    const history = this.changes.get(tx.user_id);
    if (!history) return undefined;
    for (let i = history.length - 1; i >= 0; i--) {
      const { entry, after } = history[i]!;
      if (after === null) return entry;
      const seen = position.kind === 'inserted'
        ? after.insertedCount <= position.index
        : position.live && tx.timestamp > after.at;
      if (seen) return entry;
    }
    return undefined;
  }
}
