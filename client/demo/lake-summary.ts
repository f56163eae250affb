import { quotedString } from '@duckdb/node-api';
import type { Lake } from '../../lake/lake.js';
import { streamGlob } from '../../lake/lake-paths.js';

/** Files and rows per date partition of a stream feed, read back from the Parquet files themselves. */
export function partitionSummary(lake: Lake, feedId: string): Promise<Record<string, unknown>[]> {
  return lake.query(
    `SELECT date::VARCHAR AS date, count(DISTINCT filename)::INT AS files, count(*)::INT AS rows
       FROM read_parquet(${quotedString(streamGlob(lake.root, feedId))}, hive_partitioning = true, filename = true)
      GROUP BY date ORDER BY date`,
  );
}

/** A question a person would ask of the lake: turnover by currency, straight from Parquet. */
export function currencySummary(lake: Lake, feedId: string): Promise<Record<string, unknown>[]> {
  return lake.query(
    `SELECT currency, count(*)::INT AS transactions, round(sum(amount), 2) AS amount
       FROM read_parquet(${quotedString(streamGlob(lake.root, feedId))}, hive_partitioning = true)
      GROUP BY currency ORDER BY amount DESC`,
  );
}
