import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchLakeWrite } from './lake-write-bench.js';

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
