import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { envSchema } from '../config/env.js';
import { getFeed, loadFeeds } from '../config/load-feeds.js';
import { runExport } from '../client/run/run-export.js';
import { connectTemporal } from '../wiring/connect-temporal.js';
import { ensureTemporalCli } from '../dev/ensure-temporal-cli.js';
import { startTemporalDevServer } from '../dev/temporal-dev-server.js';
import { findProjectRoot } from '../dev/dev-state.js';
import { startStandin } from '../standin/start-standin.js';
import { result, type BenchResult } from './bench-result.js';
import { DAY } from './lake-write-bench.js';
import { withWorkerMemorySettings } from '../worker/process-memory.js';
import { captureWire, rangeQuery } from './wire-capture.js';
import { slotRange } from '../config/slot-range.js';

// The bench runs compiled, from dist/bench: the project root is found by walking up, not by a fixed climb.
const REPO = findProjectRoot(import.meta.url);
const CLI = join(REPO, 'dist', 'client', 'cli.js');
const DAY_MS = 86_400_000;
const RSS_BUDGET_MB = 300;

interface RangeRun {
  rows: number;
  /** the raw transfer of the same query's bytes into a file */
  rawSeconds: number;
  exportSeconds: number;
  /** the worker process's peak RSS (VmHWM) */
  workerPeakMb: number;
}

/**
 * End to end through Temporal and HTTP: `ksql-etl run transaction_stream` over one day as one range,
 * by a worker in a child process (so its peak RSS is its own), against the raw transfer of the same
 * query's bytes from the same stand-in into a file, in the same run. `bigRows` adds a second, larger
 * day for the memory figure (minutes: only when asked for).
 */
export async function benchEndToEnd(rows: number, bigRows: number | null): Promise<BenchResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'ksql-etl-bench-e2e-'));
  const binary = await ensureTemporalCli({ env: process.env, toolsDir: join(REPO, '.tools'), log: (line) => console.log(line) });
  const temporal = await startTemporalDevServer({ binary, port: await freePort(), uiPort: null, dbFile: null, detached: false });
  try {
    const runs = [await runRange(temporal.address, dir, rows)];
    if (bigRows !== null) runs.push(await runRange(temporal.address, dir, bigRows));
    const [small, big] = runs as [RangeRun, RangeRun | undefined];
    return [
      result(`end to end: a ${rows}-row range through Temporal and HTTP, s vs the raw transfer of its bytes (target ratio <= 1.5)`, small.exportSeconds, 's', small.rawSeconds),
      result(`worker peak RSS, ${rows}-row range, MB vs the ${RSS_BUDGET_MB} MB budget (target ratio <= 1)`, small.workerPeakMb, 'MB', RSS_BUDGET_MB),
      ...(big
        ? [
            result(`end to end: a ${big.rows}-row range, s vs its raw transfer (target ratio <= 1.5)`, big.exportSeconds, 's', big.rawSeconds),
            result(`worker peak RSS, ${big.rows}-row range, MB vs the ${rows}-row range's (target <= 1.25, and <= ${RSS_BUDGET_MB} MB)`, big.workerPeakMb, 'MB', small.workerPeakMb),
          ]
        : []),
    ];
  } finally {
    await temporal.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function runRange(temporalAddress: string, dir: string, rows: number): Promise<RangeRun> {
  const standin = await startStandin({ start: DAY, days: 1, rowsPerDay: rows });
  const lakeDir = join(dir, `lake-${rows}`);
  const vars = {
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: `bench-${rows}-${process.pid}`,
    KSQLDB_URL: standin.url,
    LAKE_DIR: lakeDir,
    FEEDS_DIR: join(REPO, 'feeds'),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  };
  const env = envSchema.parse({ ...process.env, ...vars });
  // Started as `ksql-etl dev up` and the Docker image start it (worker/process-memory.ts); BENCH_WORKER_BARE=1 leaves the settings out.
  const workerEnv = { ...process.env, ...vars };
  const worker = spawn(process.execPath, [CLI, 'worker'], { env: process.env.BENCH_WORKER_BARE ? workerEnv : withWorkerMemorySettings(workerEnv), stdio: ['ignore', 'inherit', 'inherit'] });
  const temporal = await connectTemporal(env);
  try {
    const startMs = Date.parse(DAY);
    const rawSeconds = await captureWire(standin.url, rangeQuery('TRANSACTION_STREAM', startMs, startMs + DAY_MS), join(dir, 'raw.txt'));
    await rm(join(dir, 'raw.txt'));
    const feed = getFeed(await loadFeeds(env.FEEDS_DIR), 'transaction_stream');
    if (feed.kind !== 'stream') throw new Error('transaction_stream must be a stream feed');
    // A first, one-hour export warms the worker up (it polls only once ready); it is not timed.
    await runExport(temporal.client, env, feed, { range: slotRange(feed, new Date(startMs + DAY_MS - 3_600_000).toISOString()) });
    const began = performance.now();
    const outcome = await runExport(temporal.client, env, feed, { range: slotRange(feed, DAY, new Date(startMs + DAY_MS).toISOString()) });
    const exportSeconds = (performance.now() - began) / 1000;
    if (outcome.rows !== rows) throw new Error(`the export wrote ${outcome.rows} rows, expected ${rows}`);
    return { rows, rawSeconds, exportSeconds, workerPeakMb: peakRssMb(worker) };
  } finally {
    await temporal.close();
    await stopChild(worker);
    await standin.close();
    await rm(lakeDir, { recursive: true, force: true });
  }
}

/** The process's high-water mark of resident memory, read while it still runs. */
function peakRssMb(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  if (!kb) throw new Error('VmHWM not found in /proc/<pid>/status (Linux only)');
  return Number(kb) / 1024;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
