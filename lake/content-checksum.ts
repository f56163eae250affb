import type { DuckDBConnection } from '@duckdb/node-api';
import { quotedString } from '@duckdb/node-api';

export interface FileSummary {
  rows: number;
  /** md5 over the sorted md5s of every row: equal for equal row sets, whatever the row order */
  checksum: string;
}

export async function summarizeParquet(connection: DuckDBConnection, path: string): Promise<FileSummary> {
  const reader = await connection.runAndReadAll(
    `SELECT count(*)::BIGINT AS rows, md5(coalesce(string_agg(h, ',' ORDER BY h), '')) AS checksum
       FROM (SELECT md5(CAST(t AS VARCHAR)) AS h FROM read_parquet(${quotedString(path)}) t)`,
  );
  const [row] = reader.getRowObjectsJson();
  return { rows: Number(row!.rows), checksum: String(row!.checksum) };
}
