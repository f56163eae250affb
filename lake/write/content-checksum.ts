import type { DuckDBConnection } from '@duckdb/node-api';
import { quotedString } from '@duckdb/node-api';

export interface FileSummary {
  rows: number;
  /** md5 of the row count and the sum and xor of every row's hash: equal for equal row sets, whatever the row order */
  checksum: string;
}

const EMPTY: FileSummary = { rows: 0, checksum: 'd41d8cd98f00b204e9800998ecf8427e' }; // md5('')

/**
 * Row counts and content checksums of many Parquet files in one scan. A row is hashed by its
 * columns' values (DuckDB's `filename` column left out), so a file's checksum does not depend on
 * where it sits: staging and the lake give the same value. DuckDB's `hash()` of the row and a sum
 * and xor (order-free, no sort) cost a tenth of md5 over each row's text sorted; the value is only
 * compared with checksums the same code wrote (reruns, status), never recomputed by another engine.
 */
export async function summarizeParquetFiles(connection: DuckDBConnection, paths: readonly string[]): Promise<Map<string, FileSummary>> {
  const summaries = new Map<string, FileSummary>(paths.map((p) => [p, EMPTY]));
  if (paths.length === 0) return summaries;
  const reader = await connection.runAndReadAll(
    `SELECT filename, count(*)::BIGINT AS rows, md5(concat_ws(':', count(*), sum(h::HUGEINT), bit_xor(h))) AS checksum
       FROM (SELECT filename, hash(struct_pack(*COLUMNS(* EXCLUDE (filename)))) AS h
               FROM read_parquet([${paths.map(quotedString).join(', ')}], filename = true, hive_partitioning = false))
      GROUP BY filename`,
  );
  for (const row of reader.getRowObjectsJson()) {
    summaries.set(String(row.filename), { rows: Number(row.rows), checksum: String(row.checksum) });
  }
  return summaries;
}
