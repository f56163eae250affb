import type { DuckDBInstance } from '@duckdb/node-api';
import { quotedIdentifier, quotedString } from '@duckdb/node-api';
import type { PoolConnection } from 'mysql2/promise';
import type { WarehouseTarget } from '../config/feed-schema.js';
import { classifyMysqlError, WarehouseDataError, WarehouseSchemaError } from './errors.js';
import type { Warehouse } from './warehouse.js';

export interface SnapshotLoadInput {
  feedId: string;
  target: WarehouseTarget;
  version: number;
  /** Parquet file(s) of the lake version, as a DuckDB glob (read without its `version=N` hive column) */
  parquet: string;
  lakeChecksum: string;
  /** rows the lake recorded for the version: the load must land exactly these */
  expectedRows: number;
}

export interface SnapshotLoadResult {
  rows: number;
  /** true when this version was already in the warehouse (a retry or a rerun): nothing was written */
  alreadyLoaded: boolean;
}

const BATCH_ROWS = 1000;

/**
 * Loads one lake snapshot version into its fact table, dimensions first, in ONE transaction that
 * also writes the version's receipt in etl_snapshot_loads: a version is in the warehouse whole or
 * not at all, and loading it twice changes nothing.
 */
export async function loadSnapshot(warehouse: Warehouse, duckdb: DuckDBInstance, input: SnapshotLoadInput): Promise<SnapshotLoadResult> {
  const { target, version } = input;
  const columns = await parquetColumns(duckdb, input.parquet);
  await checkFactColumns(warehouse, target.fact, columns);
  const context = `loading ${input.feedId} version ${version} into ${target.fact}`;
  try {
    return await warehouse.withTransaction(async (tx) => {
      const [receipts] = await tx.query(
        'SELECT row_count FROM etl_snapshot_loads WHERE feed = ? AND snapshot_version = ? FOR UPDATE',
        [input.feedId, version],
      );
      const receipt = (receipts as Array<{ row_count: string }>)[0];
      if (receipt) return { rows: Number(receipt.row_count), alreadyLoaded: true };
      for (const dimension of target.dimensions) {
        await upsertDimension(tx, duckdb, input.parquet, dimension, version);
      }
      const rows = await insertFacts(tx, duckdb, input, columns);
      if (rows !== input.expectedRows) {
        throw new WarehouseDataError(`${context}: inserted ${rows} rows, the lake version holds ${input.expectedRows}; rolled back`);
      }
      await tx.query(
        'INSERT INTO etl_snapshot_loads (feed, snapshot_version, fact_table, row_count, lake_checksum) VALUES (?, ?, ?, ?, ?)',
        [input.feedId, version, target.fact, rows, input.lakeChecksum],
      );
      return { rows, alreadyLoaded: false };
    });
  } catch (err) {
    throw err instanceof WarehouseDataError ? err : classifyMysqlError(err, context);
  }
}

async function parquetColumns(duckdb: DuckDBInstance, parquet: string): Promise<string[]> {
  const connection = await duckdb.connect();
  try {
    const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${quotedString(parquet)}, hive_partitioning = false)`);
    return reader.getRowObjectsJson().map((r) => String(r.column_name));
  } finally {
    connection.closeSync();
  }
}

async function checkFactColumns(warehouse: Warehouse, fact: string, columns: string[]): Promise<void> {
  const rows = await warehouse.query<{ name: string }>(
    'SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?',
    [warehouse.database, fact],
  );
  if (rows.length === 0) throw new WarehouseSchemaError(`fact table ${fact} does not exist in ${warehouse.database} (run \`ksql-etl warehouse init\`)`);
  const have = new Set(rows.map((r) => r.name.toLowerCase()));
  const missing = ['snapshot_version', ...columns].filter((c) => !have.has(c));
  if (missing.length > 0) throw new WarehouseSchemaError(`fact table ${fact} lacks column(s) ${missing.join(', ')}`);
}

async function upsertDimension(
  tx: PoolConnection,
  duckdb: DuckDBInstance,
  parquet: string,
  dimension: { table: string; key: string },
  version: number,
): Promise<void> {
  const sql =
    `INSERT INTO \`${dimension.table}\` (\`${dimension.key}\`, first_seen_version, last_seen_version) VALUES ? ` +
    // Only the primary key can collide here: dimension tables have no other unique key.
    `ON DUPLICATE KEY UPDATE last_seen_version = GREATEST(last_seen_version, ${Number(version)})`;
  const keySql = `SELECT DISTINCT ${quotedIdentifier(dimension.key)} FROM read_parquet(${quotedString(parquet)}, hive_partitioning = false) WHERE ${quotedIdentifier(dimension.key)} IS NOT NULL ORDER BY 1`;
  for await (const batch of readBatches(duckdb, keySql)) {
    await tx.query(sql, [batch.map(([key]) => [key, version, version])]);
  }
}

async function insertFacts(tx: PoolConnection, duckdb: DuckDBInstance, input: SnapshotLoadInput, columns: string[]): Promise<number> {
  const names = ['snapshot_version', ...columns].map((c) => `\`${c}\``).join(', ');
  const sql = `INSERT INTO \`${input.target.fact}\` (${names}) VALUES ?`;
  let inserted = 0;
  for await (const batch of readBatches(duckdb, `SELECT * FROM read_parquet(${quotedString(input.parquet)}, hive_partitioning = false)`)) {
    const [result] = await tx.query(sql, [batch.map((row) => [input.version, ...row.map(toMysqlValue)])]);
    inserted += (result as { affectedRows: number }).affectedRows;
  }
  return inserted;
}

/** Rows from DuckDB in batches, streamed: the snapshot never sits in memory whole. */
async function* readBatches(duckdb: DuckDBInstance, sql: string): AsyncGenerator<unknown[][]> {
  const connection = await duckdb.connect();
  try {
    const result = await connection.stream(sql);
    let batch: unknown[][] = [];
    for await (const rows of result.yieldRowsJson()) {
      for (const row of rows) {
        batch.push(row);
        if (batch.length >= BATCH_ROWS) {
          yield batch;
          batch = [];
        }
      }
    }
    if (batch.length > 0) yield batch;
  } finally {
    connection.closeSync();
  }
}

/** Nested values (lists, structs, maps) go into MySQL as JSON text. */
function toMysqlValue(value: unknown): unknown {
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
}
