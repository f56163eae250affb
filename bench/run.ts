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
 * `--only <name,…>` runs just those modules (names below), e.g. `node dist/bench/run.js --only orchestration`.
 */
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const bigRows = process.env.BENCH_BIG_ROWS ? Number(process.env.BENCH_BIG_ROWS) : null;

/** One entry per bench module, by the name `--only` takes: add a module, add a line. */
const BENCHES: Record<string, () => Promise<BenchResult[]>> = {
  'lake-write': () => benchLakeWrite(rows),
  'end-to-end': () => benchEndToEnd(rows, bigRows),
  warehouse: benchWarehouse,
  'object-store': benchObjectStore,
  'lake-s3': benchLakeOnS3,
  orchestration: runOrchestrationBench,
};

const only = onlyOption(process.argv.slice(2));
console.log(`ksql-etl bench — Node ${process.version}, ${cpus().length} cores${only ? ` — only ${only.join(', ')}` : ''}`);
const results: BenchResult[] = [];
for (const bench of (only ?? Object.keys(BENCHES)).map((name) => BENCHES[name]!)) {
  for (const r of await bench()) {
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

/** `--only a,b`: the modules to run, each checked against BENCHES (exit 2 on a name it does not know). */
function onlyOption(args: string[]): string[] | null {
  const at = args.indexOf('--only');
  if (at < 0) return null;
  const names = (args[at + 1] ?? '').split(',').filter(Boolean);
  const unknown = names.filter((n) => !(n in BENCHES));
  if (names.length === 0 || unknown.length > 0) {
    console.error(`--only ${args[at + 1] ?? ''}: expected module names from ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
  return names;
}
