import type { PoolConnection } from 'mysql2/promise';
import type { Warehouse } from './warehouse.js';

/** One attempt to load a version, as etl_snapshot_loads records it. */
export interface LoadAttempt {
  feed: string;
  version: number;
  fact: string;
  startedAt: Date;
}

/** The `loaded` row of a version, locked for the caller's transaction; null when it was never loaded (or was pruned). */
export async function lockReceipt(tx: PoolConnection, feed: string, version: number): Promise<{ rows: number } | null> {
  const [rows] = await tx.query(
    "SELECT row_count FROM etl_snapshot_loads WHERE feed = ? AND snapshot_version = ? AND status = 'loaded' FOR UPDATE",
    [feed, version],
  );
  const receipt = (rows as Array<{ row_count: string }>)[0];
  return receipt ? { rows: Number(receipt.row_count) } : null;
}

/** Writes the receipt in the load's own transaction: the version and its receipt land together. */
export async function writeReceipt(tx: PoolConnection, attempt: LoadAttempt, rows: number, lakeChecksum: string): Promise<void> {
  await tx.query(
    "INSERT INTO etl_snapshot_loads (feed, snapshot_version, fact_table, status, row_count, lake_checksum, started_at) VALUES (?, ?, ?, 'loaded', ?, ?, ?)",
    [attempt.feed, attempt.version, attempt.fact, rows, lakeChecksum, attempt.startedAt],
  );
}

/**
 * Records a failed attempt after its transaction rolled back, so the failure outlives it. Best
 * effort: when the database itself is what failed, the original error matters more than the log.
 */
export async function recordFailedLoad(warehouse: Warehouse, attempt: LoadAttempt, error: unknown): Promise<void> {
  const message = warehouse.redact(error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 4000);
  await warehouse
    .query("INSERT INTO etl_snapshot_loads (feed, snapshot_version, fact_table, status, started_at, error) VALUES (?, ?, ?, 'failed', ?, ?)", [
      attempt.feed, attempt.version, attempt.fact, attempt.startedAt, message,
    ])
    .catch(() => undefined);
}
