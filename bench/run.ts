import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import type { BenchResult } from './bench-result.js';
import { benchEndToEnd } from './end-to-end-bench.js';
import { benchLakeWrite } from './lake-write-bench.js';
import { benchObjectStore } from './object-store-bench.js';
import { benchLakeOnS3 } from './lake-s3-bench.js';
import { runOrchestrationBench } from './orchestration-bench.js';
import { benchWarehouse } from './warehouse-bench.js';

/**
 * `npm run bench`: each figure against a baseline measured in the same run, printed as a table and
 * written to bench-results.json. Sizes: BENCH_ROWS (default 1,000,000); BENCH_BIG_ROWS (e.g.
 * 5000000) adds the larger range of the memory figure, which takes minutes. Each module reads its
 * own sizes too (BENCH_WAREHOUSE_ROWS, BENCH_EMPTY_WINDOWS, BENCH_BACKFILL_DAYS, …).
 * `--only <module>[,<module>]` runs just those modules (names as in BENCHES, e.g. lake-write).
 */
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const bigRows = process.env.BENCH_BIG_ROWS ? Number(process.env.BENCH_BIG_ROWS) : null;

/** One entry per bench module, by its file name less `-bench`: add a module, add a line. */
const BENCHES: Record<string, () => Promise<BenchResult[]>> = {
  'lake-write': () => benchLakeWrite(rows),
  'end-to-end': () => benchEndToEnd(rows, bigRows),
  warehouse: benchWarehouse,
  'object-store': benchObjectStore,
  'lake-s3': benchLakeOnS3,
  orchestration: runOrchestrationBench,
};
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt === -1 ? Object.keys(BENCHES) : (process.argv[onlyAt + 1] ?? '').split(',');
const unknown = only.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(`--only: unknown bench module(s) ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}

console.log(`ksql-etl bench — Node ${process.version}, ${cpus().length} cores`);
const results: BenchResult[] = [];
for (const name of only) {
  for (const r of await BENCHES[name]!()) {
    console.log(`${r.name}: ${round(r.value)} ${r.unit}, baseline ${round(r.baseline)}, ratio ${r.ratio.toFixed(2)}`);
    results.push(r);
  }
}
console.table(results.map((r) => ({ ...r, value: round(r.value), baseline: round(r.baseline), ratio: r.ratio.toFixed(2) })));
await writeFile('bench-results.json', `${JSON.stringify(results, null, 2)}\n`);
console.log('written to bench-results.json');

function round(n: number): number {
  return n >= 100 ? Math.round(n) : Math.round(n * 100) / 100;
}
