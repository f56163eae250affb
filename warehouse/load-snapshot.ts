import type { PoolConnection } from 'mysql2/promise';
import type { WarehouseTarget } from '../config/feed-schema.js';
import type { Lake } from '../lake/lake.js';
import type { VersionRows } from '../lake/read-version.js';
import { classifyMysqlError, WarehouseDataError, WarehouseSchemaError } from './errors.js';
import type { Warehouse } from './warehouse.js';

export interface SnapshotLoadInput {
  feedId: string;
  target: WarehouseTarget;
  version: number;
  lakeChecksum: string;
  /** rows the lake recorded for the version: the load must land exactly these */
  expectedRows: number;
}

export interface SnapshotLoadResult {
  rows: number;
  /** true when this version was already in the warehouse (a retry or a rerun): nothing was written */
  alreadyLoaded: boolean;
}

/** Rows per multi-row INSERT: well under MySQL's packet limit for the widest fact. */
const BATCH_ROWS = 1000;

/** The one thing the load needs from the lake: a version's rows. */
export type VersionReader = Pick<Lake, 'readVersion'>;

/**
 * Loads one lake snapshot version into its fact table, dimensions first, in ONE transaction that
 * also writes the version's receipt in etl_snapshot_loads: a version is in the warehouse whole or
 * not at all, and loading it twice changes nothing.
 */
export async function loadSnapshot(warehouse: Warehouse, lake: VersionReader, input: SnapshotLoadInput): Promise<SnapshotLoadResult> {
  const { target, version } = input;
  // Nothing is read until the rows are iterated, inside the transaction.
  const facts = await lake.readVersion(input.feedId, version, { batchRows: BATCH_ROWS });
  await checkFactColumns(warehouse, target.fact, facts.columns);
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
        await upsertDimension(tx, lake, input, dimension);
      }
      const rows = await insertFacts(tx, input, facts);
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
  lake: VersionReader,
  input: SnapshotLoadInput,
  dimension: { table: string; key: string },
): Promise<void> {
  const version = input.version;
  const sql =
    `INSERT INTO \`${dimension.table}\` (\`${dimension.key}\`, first_seen_version, last_seen_version) VALUES ? ` +
    // Only the primary key can collide here: dimension tables have no other unique key.
    `ON DUPLICATE KEY UPDATE last_seen_version = GREATEST(last_seen_version, ${Number(version)})`;
  const keys = await lake.readVersion(input.feedId, version, { columns: [dimension.key], distinct: true, batchRows: BATCH_ROWS });
  for await (const batch of keys.batches) {
    const present = batch.filter(([key]) => key !== null);
    if (present.length > 0) await tx.query(sql, [present.map(([key]) => [key, version, version])]);
  }
}

async function insertFacts(tx: PoolConnection, input: SnapshotLoadInput, facts: VersionRows): Promise<number> {
  const names = ['snapshot_version', ...facts.columns].map((c) => `\`${c}\``).join(', ');
  const sql = `INSERT INTO \`${input.target.fact}\` (${names}) VALUES ?`;
  let inserted = 0;
  for await (const batch of facts.batches) {
    const [result] = await tx.query(sql, [batch.map((row) => [input.version, ...row.map(toMysqlValue)])]);
    inserted += (result as { affectedRows: number }).affectedRows;
  }
  return inserted;
}

/** Nested values (lists, structs, maps) go into MySQL as JSON text. */
function toMysqlValue(value: unknown): unknown {
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
}
