import type { DuckDBInstance } from '@duckdb/node-api';
import { quotedIdentifier, quotedString } from '@duckdb/node-api';

export interface ReadVersionOptions {
  /** the columns to read, in this order (default: all of the version's columns) */
  columns?: readonly string[];
  /** distinct rows only, sorted (e.g. a dimension's keys) */
  distinct?: boolean;
  /** rows per batch (default 1000) */
  batchRows?: number;
}

export interface VersionRows {
  /** the column names, in the order of each row's values */
  columns: string[];
  /**
   * The rows in batches, JSON-safe (BIGINT and DECIMAL as text, nested values as objects). Read
   * lazily and streamed: nothing is read until iteration starts, and the version never sits in
   * memory whole.
   */
  batches: AsyncIterable<unknown[][]>;
}

/** Reads the Parquet file(s) of one table version (local paths the lake resolved). */
export async function readVersion(duckdb: DuckDBInstance, files: readonly string[], opts: ReadVersionOptions = {}): Promise<VersionRows> {
  const source = parquetSource(files);
  const columns = opts.columns ? [...opts.columns] : (await describeVersion(duckdb, source)).map((c) => c.name);
  const list = opts.columns ? columns.map(quotedIdentifier).join(', ') : '*';
  const sql = opts.distinct ? `SELECT DISTINCT ${list} FROM ${source} ORDER BY ALL` : `SELECT ${list} FROM ${source}`;
  return { columns, batches: readBatches(duckdb, sql, opts.batchRows ?? 1000) };
}

/** `read_parquet(…)` over a version's files (local paths the lake resolved). */
export function parquetSource(files: readonly string[]): string {
  return `read_parquet([${files.map(quotedString).join(', ')}], hive_partitioning = false)`;
}

export interface VersionColumn {
  name: string;
  /** DuckDB's type name, e.g. `BIGINT`, `DOUBLE`, `VARCHAR`, `STRUCT(…)[]` */
  type: string;
}

/** The columns of a `read_parquet(…)` source with their DuckDB types. */
export async function describeVersion(duckdb: DuckDBInstance, source: string): Promise<VersionColumn[]> {
  const connection = await duckdb.connect();
  try {
    const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
    return reader.getRowObjectsJson().map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  } finally {
    connection.closeSync();
  }
}

async function* readBatches(duckdb: DuckDBInstance, sql: string, batchRows: number): AsyncGenerator<unknown[][]> {
  const connection = await duckdb.connect();
  try {
    const result = await connection.stream(sql);
    let batch: unknown[][] = [];
    for await (const rows of result.yieldRowsJson()) {
      for (const row of rows) {
        batch.push(row);
        if (batch.length >= batchRows) {
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
