import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { DuckDBInstance, quotedString } from '@duckdb/node-api';
import type { Transaction } from '../../generator/index.js';
import { streamDirOf } from './lake-layout.js';

/** What one slot holds: rows, distinct transaction ids, and a digest of the sorted ids. */
export interface SlotContent {
  rows: number;
  distinctIds: number;
  idsDigest: string;
}

const digest = (ids: readonly string[]) => createHash('md5').update([...ids].sort().join(',')).digest('hex');

/**
 * Every Parquet file of a stream feed, read back through DuckDB (not through `_metadata.json`, which
 * could agree with a wrong file), keyed by the file's path under the feed's directory.
 */
export async function auditStreamFiles(lakeRoot: string, feedId: string): Promise<Map<string, SlotContent>> {
  const dir = streamDirOf(lakeRoot, feedId);
  const duckdb = await DuckDBInstance.create(':memory:');
  const connection = await duckdb.connect();
  try {
    const reader = await connection.runAndReadAll(
      `SELECT filename AS file, count(*)::INTEGER AS n, list(transaction_id) AS ids
         FROM read_parquet(${quotedString(join(dir, 'date=*', '*.parquet'))}, filename = true) GROUP BY filename`,
    );
    const out = new Map<string, SlotContent>();
    for (const row of reader.getRowObjectsJson()) {
      const ids = row.ids as string[];
      out.set(relative(dir, String(row.file)), { rows: Number(row.n), distinctIds: new Set(ids).size, idsDigest: digest(ids) });
    }
    return out;
  } finally {
    connection.closeSync();
    duckdb.closeSync();
  }
}

/** What each slot file must hold: the source's transactions of `[start, end)`, keyed like auditStreamFiles. */
export function expectedStreamFiles(transactions: readonly Transaction[], feedId: string, startMs: number, endMs: number, slotMs: number): Map<string, SlotContent> {
  const bySlot = new Map<number, string[]>();
  for (const t of transactions) {
    if (t.timestamp < startMs || t.timestamp >= endMs) continue;
    const slot = Math.floor(t.timestamp / slotMs) * slotMs;
    bySlot.set(slot, [...(bySlot.get(slot) ?? []), t.transaction_id]);
  }
  const out = new Map<string, SlotContent>();
  for (const [slot, ids] of [...bySlot].sort(([a], [b]) => a - b)) {
    const iso = new Date(slot).toISOString();
    const stamp = iso.replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
    out.set(join(`date=${iso.slice(0, 10)}`, `${feedId}__${stamp}.parquet`), { rows: ids.length, distinctIds: ids.length, idsDigest: digest(ids) });
  }
  return out;
}

/** Whatever a killed attempt could leave behind: entries under `_staging/`, and `*.tmp` files anywhere. */
export async function lakeLeftovers(lakeRoot: string): Promise<string[]> {
  const staging = await readdir(join(lakeRoot, '_staging')).catch(() => [] as string[]);
  const all = await readdir(lakeRoot, { recursive: true });
  return [...staging.map((s) => `_staging/${s}`), ...all.filter((p) => p.endsWith('.tmp'))];
}
