import { result, type BenchResult } from './bench-result.js';
import { benchWarehouseLoad } from './warehouse-load-bench.js';

const rate = (rows: number, seconds: number) => `${Math.round(rows / seconds / 1000)}k rows/s`;

/**
 * The warehouse load against MySQL's own bulk path (`LOAD DATA LOCAL INFILE` of a ready CSV) and
 * against row-by-row INSERTs, same rows, same run. BENCH_WAREHOUSE_ROWS (default 1,000,000);
 * BENCH_WAREHOUSE_ROUNDS (default 2): each is timed that many times, in turns, and its best run counts.
 */
export async function benchWarehouse(): Promise<BenchResult[]> {
  const factRows = Number(process.env.BENCH_WAREHOUSE_ROWS ?? 1_000_000);
  const server = new URL(process.env.KSQL_ETL_TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306');
  server.pathname = '';
  const rounds = Number(process.env.BENCH_WAREHOUSE_ROUNDS ?? 2);
  const w = await benchWarehouseLoad(factRows, server.toString().replace(/\/$/, ''), rounds);
  console.log(`\nwarehouse load, ${factRows} fact rows (fact_user_transaction_summary, every user already in dim_users), best of ${rounds} rounds each`);
  console.log(`  baseline  LOAD DATA LOCAL INFILE of a ready CSV of the rows      ${w.loadDataSeconds.toFixed(2)} s  ${rate(factRows, w.loadDataSeconds)}`);
  console.log(`  baseline  row-by-row: one prepared INSERT per row, all in one transaction (all or nothing, as the load; autocommit would add a log flush per row): measured on ${w.sampleRows} rows, extrapolated  ${w.rowByRowSeconds.toFixed(2)} s  ${rate(factRows, w.rowByRowSeconds)}`);
  console.log(`            (LOAD DATA itself is ${(w.rowByRowSeconds / w.loadDataSeconds).toFixed(1)}× row by row here: the ceiling of the second figure)`);
  console.log(`  ksql-etl  lake → text → members + facts + receipt, one transaction  ${w.loadSeconds.toFixed(2)} s  ${rate(factRows, w.loadSeconds)}  (${w.heartbeats} progress reports)`);
  const speed = factRows / w.loadSeconds;
  return [
    result('warehouse load vs LOAD DATA LOCAL INFILE (speed; target ≥ 0.9)', speed, 'rows/s', factRows / w.loadDataSeconds),
    result('warehouse load vs row-by-row INSERT (speed, extrapolated; target ≥ 20)', speed, 'rows/s', factRows / w.rowByRowSeconds),
    result('warehouse load peak RSS vs 300 MB budget (target ≤ 1)', w.loadPeakMb, 'MB', 300),
  ];
}
