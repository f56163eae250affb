import type { DuckDBConnection } from '@duckdb/node-api';
import { quotedString } from '@duckdb/node-api';

export interface FileSummary {
  rows: number;
  /** md5 over the sorted md5s of every row: equal for equal row sets, whatever the row order */
  checksum: string;
}

const EMPTY: FileSummary = { rows: 0, checksum: 'd41d8cd98f00b204e9800998ecf8427e' }; // md5('')

/**
 * Row counts and content checksums of many Parquet files in one scan. A row is hashed as the text
 * of its columns (DuckDB's `filename` column left out), so a file's checksum does not depend on
 * where it sits: staging and the lake give the same value.
 */
export async function summarizeParquetFiles(connection: DuckDBConnection, paths: readonly string[]): Promise<Map<string, FileSummary>> {
  const summaries = new Map<string, FileSummary>(paths.map((p) => [p, EMPTY]));
  if (paths.length === 0) return summaries;
  const reader = await connection.runAndReadAll(
    `SELECT filename, count(*)::BIGINT AS rows, md5(string_agg(h, ',' ORDER BY h)) AS checksum
       FROM (SELECT filename, md5(CAST(struct_pack(*COLUMNS(* EXCLUDE (filename))) AS VARCHAR)) AS h
               FROM read_parquet([${paths.map(quotedString).join(', ')}], filename = true, hive_partitioning = false))
      GROUP BY filename`,
  );
  for (const row of reader.getRowObjectsJson()) {
    summaries.set(String(row.filename), { rows: Number(row.rows), checksum: String(row.checksum) });
  }
  return summaries;
}
