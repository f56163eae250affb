import type { DuckDBInstance } from '@duckdb/node-api';
import { LakeQueryError } from '../common/errors.js';
import type { LakeStorage } from '../storage/lake-storage.js';
import { queryViewStatements } from './query-views.js';

export interface LakeQueryResult {
  /** the result's column names, in order (also when there are no rows) */
  columns: string[];
  /** JSON-safe values: BIGINT, HUGEINT and DECIMAL as exact text, nested values as arrays and objects */
  rows: unknown[][];
}

/** Runs `sql` on a connection of its own, over the views `queryViewStatements` builds. */
export async function runQuery(storage: LakeStorage, duckdb: DuckDBInstance, sql: string): Promise<LakeQueryResult> {
  const connection = await duckdb.connect();
  try {
    // TEMP views belong to this connection: concurrent queries never see each other's.
    for (const statement of await queryViewStatements(storage, sql)) await connection.run(statement);
    const reader = await connection.runAndReadAll(sql).catch((err: unknown) => {
      throw new LakeQueryError(err instanceof Error ? err.message : String(err), { cause: err });
    });
    return { columns: reader.columnNames(), rows: reader.getRowsJson() };
  } finally {
    connection.closeSync();
  }
}
