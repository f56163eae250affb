import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchLakeWrite } from './lake-write-bench.js';
import { recordResults } from './record-result.js';
import { benchWarehouseLoad } from './warehouse-load-bench.js';

/**
 * `npm run bench`: speed and memory as ratios against baselines measured in the same run, never as
 * absolute thresholds (machines differ; ratios travel).
 */
const small = Number(process.env.BENCH_ROWS_SMALL ?? 50_000);
const large = Number(process.env.BENCH_ROWS_LARGE ?? 200_000);
const rate = (rows: number, seconds: number) => `${Math.round(rows / seconds / 1000)}k rows/s`;
const probe = fileURLToPath(new URL('./memory-probe.js', import.meta.url));
const peakMb = (mode: string, rows: number) =>
  (JSON.parse(execFileSync(process.execPath, [probe, mode, String(rows)], { encoding: 'utf8' }).trim().split('\n').at(-1)!) as { maxRssKb: number }).maxRssKb / 1024;

console.log(`ksql-etl bench — Node ${process.version}, ${cpus().length} cores`);
for (const rows of [small, large]) {
  const r = await benchLakeWrite(rows);
  console.log(`\nlake write, ${rows} generated transaction rows into 24 hourly slot files`);
  console.log(`  baseline  DuckDB COPY of the same rows, prepared as NDJSON   ${r.baselineSeconds.toFixed(2)} s  ${rate(rows, r.baselineSeconds)}`);
  console.log(`  ksql-etl  parse + check + stage + COPY + publish + metadata  ${r.pipelineSeconds.toFixed(2)} s  ${rate(rows, r.pipelineSeconds)}`);
  console.log(`  ratio ksql-etl / baseline: ${(r.pipelineSeconds / r.baselineSeconds).toFixed(2)}x`);
}

// Memory: each size in its own process; the baseline process only builds the same input.
const overhead = (rows: number) => peakMb('pipeline', rows) - peakMb('generate', rows);
const [a, b] = [overhead(small), overhead(large)];
console.log(`\nmemory the lake write adds on top of its input (peak RSS, pipeline process − input-only process)`);
console.log(`  ${small} rows: ${a.toFixed(0)} MB   ${large} rows: ${b.toFixed(0)} MB`);
console.log(`  ratio ${(b / Math.max(a, 1)).toFixed(2)} for ${(large / small).toFixed(0)}x the rows (streamed: near 1; held in memory: ${(large / small).toFixed(0)})`);

// Warehouse load: the project's load against MySQL's own bulk path and against row-by-row INSERTs.
const factRows = Number(process.env.BENCH_WAREHOUSE_ROWS ?? 1_000_000);
const server = new URL(process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306');
server.pathname = '';
const w = await benchWarehouseLoad(factRows, server.toString().replace(/\/$/, ''));
console.log(`\nwarehouse load, ${factRows} fact rows (fact_user_transaction_summary, every user already in dim_users)`);
console.log(`  baseline  LOAD DATA LOCAL INFILE of a ready CSV of the rows      ${w.loadDataSeconds.toFixed(2)} s  ${rate(factRows, w.loadDataSeconds)}`);
console.log(`  baseline  row-by-row INSERTs, one transaction: measured on ${w.sampleRows} rows, extrapolated  ${w.rowByRowSeconds.toFixed(2)} s  ${rate(factRows, w.rowByRowSeconds)}`);
console.log(`  ksql-etl  lake → text → members + facts + receipt, one transaction  ${w.loadSeconds.toFixed(2)} s  ${rate(factRows, w.loadSeconds)}  (${w.heartbeats} progress reports)`);
const speedVsLoadData = w.loadDataSeconds / w.loadSeconds;
const speedVsRows = w.rowByRowSeconds / w.loadSeconds;
console.log(`  speed ksql-etl / LOAD DATA: ${speedVsLoadData.toFixed(2)}x (target ≥ 0.9)   ksql-etl / row by row: ${speedVsRows.toFixed(1)}x (target ≥ 20)`);
console.log(`  peak RSS of the load's process: ${w.loadPeakMb.toFixed(0)} MB (target ≤ 300)`);
await recordResults([
  { name: 'warehouse load vs LOAD DATA LOCAL INFILE (speed)', value: factRows / w.loadSeconds, unit: 'rows/s', baseline: factRows / w.loadDataSeconds, ratio: speedVsLoadData },
  { name: 'warehouse load vs row-by-row INSERT (speed, extrapolated)', value: factRows / w.loadSeconds, unit: 'rows/s', baseline: factRows / w.rowByRowSeconds, ratio: speedVsRows },
  { name: 'warehouse load peak RSS vs 300 MB budget', value: w.loadPeakMb, unit: 'MB', baseline: 300, ratio: w.loadPeakMb / 300 },
]);
