import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities/index.js';
import { backfillInput } from '../client/backfill/backfill-input.js';
import { startBackfill } from '../client/backfill/start-backfill.js';
import { startExport } from '../client/run/start-export.js';
import { getFeed, loadFeeds } from '../config/load-feeds.js';
import { findProjectRoot } from '../dev/dev-state.js';
import { ensureTemporalCli } from '../dev/ensure-temporal-cli.js';
import { freePort } from '../dev/probes.js';
import { startTemporalDevServer } from '../dev/temporal-dev-server.js';
import { KsqlDbClient } from '../ksqldb/index.js';
import { Lake } from '../lake/index.js';
import { startStandin } from '../standin/index.js';
import { Warehouse } from '../warehouse/warehouse.js';
import { workflowCode } from '../worker/workflow-code.js';
import { result, type BenchResult } from './bench-result.js';
import { slotRange } from '../config/slot-range.js';

export interface OrchestrationBenchOptions {
  /** empty windows timed each way (after 2 warm-up runs) */
  emptyWindows: number;
  /** days of the backfill, and the stand-in's rows per day */
  backfillDays: number;
  rowsPerDay: number;
  /** the worker's and the test's MariaDB; stream exports never use it, the activities' deps need one */
  mysqlUrl: string;
}

const FEED = 'transaction_stream';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const REPO_ROOT = findProjectRoot(import.meta.url);
const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

/**
 * What Temporal costs an export, against the same work without it, on a dev server of its own:
 * an empty window end to end (client start to result) against the activity called directly; and a
 * year's backfill with 2 workers (chunks of a day, 2 at a time) against the same year as one range
 * export, counting the requests that reached the source.
 */
export async function benchOrchestration(opts: OrchestrationBenchOptions): Promise<BenchResult[]> {
  const logger = new DefaultLogger('WARN');
  Runtime.install({ logger });
  const binary = await ensureTemporalCli({ toolsDir: join(REPO_ROOT, '.tools'), log: () => undefined, env: process.env });
  const server = await startTemporalDevServer({ binary, port: await freePort(), uiPort: null, dbFile: null, detached: false });
  // The data ends two days ago: a backfill may not reach into the future.
  const startMs = (Math.floor(Date.now() / DAY) - opts.backfillDays - 2) * DAY;
  const standin = await startStandin({ port: 0, seed: 1, start: new Date(startMs).toISOString(), days: opts.backfillDays, rowsPerDay: opts.rowsPerDay });
  const dirs = [await mkdtemp(join(tmpdir(), 'ksql-etl-bench-orch-')), await mkdtemp(join(tmpdir(), 'ksql-etl-bench-orch-'))];
  const ksql = new KsqlDbClient({ url: standin.url });
  let sourceRequests = 0;
  // Exports pull raw lines (queryLines); counting ksql.query instead counted nothing.
  const queryLines = ksql.queryLines.bind(ksql);
  ksql.queryLines = (...args) => (sourceRequests++, queryLines(...args));
  const deps: ActivityDeps = { feeds: await loadFeeds(join(REPO_ROOT, 'feeds')), ksql, lake: await Lake.open(dirs[0]!), warehouse: Warehouse.connect(opts.mysqlUrl) };
  const feed = getFeed(deps.feeds, FEED);
  if (feed.kind !== 'stream') throw new Error(`${FEED} must be a stream feed`);
  const taskQueue = `bench-${Date.now()}`;
  const code = workflowCode(process.env.NODE_ENV);
  const workers = await Promise.all([1, 2].map(async () => {
    const connection = await NativeConnection.connect({ address: server.address });
    const worker = await Worker.create({
      connection, taskQueue, activities: createActivities(deps),
      ...(code.source === 'bundle' ? { workflowBundle: code.workflowBundle } : { workflowsPath: code.workflowsPath }),
    });
    return { worker, running: worker.run(), connection };
  }));
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection });
  try {
    const results: BenchResult[] = [];
    // Empty windows: the hours before the data starts, each its own workflow id.
    const emptyHour = (i: number) => new Date(startMs - (i + 1) * HOUR).toISOString();
    const endToEnd: number[] = [];
    for (let i = 0; i < opts.emptyWindows + 2; i++) {
      const began = performance.now();
      const run = await startExport(client, feed, { range: slotRange(feed, emptyHour(i)), taskQueue });
      await run.handle.result();
      if (i >= 2) endToEnd.push(performance.now() - began);
    }
    const activities = createActivities(deps);
    const direct: number[] = [];
    for (let i = 0; i < opts.emptyWindows + 2; i++) {
      const start = emptyHour(1000 + i);
      const input = { feed: FEED, start, end: new Date(Date.parse(start) + HOUR).toISOString(), slotMs: HOUR, runId: `bench-${i}` };
      const began = performance.now();
      await new MockActivityEnvironment(undefined, { logger }).run(activities.exportStreamSlots, input);
      if (i >= 2) direct.push(performance.now() - began);
    }
    results.push(result('orchestration: empty window end to end, median', median(endToEnd), 'ms', median(direct)));
    results.push(result('orchestration: empty window end to end, p95', quantile(endToEnd, 0.95), 'ms', quantile(direct, 0.95)));

    // The same range as one range export (baseline), then as a backfill into a fresh lake.
    const window = { from: new Date(startMs).toISOString(), to: new Date(startMs + opts.backfillDays * DAY).toISOString() };
    let began = performance.now();
    const single = await startExport(client, feed, { range: slotRange(feed, window.from, window.to), taskQueue });
    await single.handle.result();
    const singleSeconds = (performance.now() - began) / 1000;
    deps.lake.close();
    deps.lake = await Lake.open(dirs[1]!);
    sourceRequests = 0;
    began = performance.now();
    const backfill = await startBackfill(client, backfillInput(feed, { ...window, chunk: '1d', concurrency: 2, missingOnly: false }, new Date()), taskQueue);
    const progress = await backfill.result();
    const backfillSeconds = (performance.now() - began) / 1000;
    if (progress.slotsFailed > 0 || progress.slotsDone !== opts.backfillDays * 24) throw new Error(`backfill did not complete: ${JSON.stringify(progress)}`);
    const slots = opts.backfillDays * 24;
    results.push(result(`orchestration: ${opts.backfillDays}-day backfill, 2 workers, wall time`, backfillSeconds, 's', singleSeconds));
    results.push(result(`orchestration: ${opts.backfillDays}-day backfill, slots per second`, slots / backfillSeconds, 'slots/s', slots / singleSeconds));
    results.push(result(`orchestration: ${opts.backfillDays}-day backfill, source requests`, sourceRequests, 'requests', opts.backfillDays));
    return results;
  } finally {
    for (const w of workers) w.worker.shutdown();
    await Promise.all(workers.map(async (w) => { await w.running; await w.connection.close(); }));
    await connection.close();
    deps.lake.close();
    await ksql.close();
    await deps.warehouse.close();
    await standin.close();
    await server.stop();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  }
}

/**
 * `npm run bench`'s orchestration part: sizes from the environment (BENCH_EMPTY_WINDOWS, default 20;
 * BENCH_BACKFILL_DAYS, 365; BENCH_BACKFILL_ROWS_PER_DAY, 240; KSQL_ETL_TEST_MYSQL_URL for the
 * activities' MariaDB), each result printed with its ratio (bench/run.ts writes `bench-results.json`).
 */
export async function runOrchestrationBench(): Promise<BenchResult[]> {
  const results = await benchOrchestration({
    emptyWindows: Number(process.env.BENCH_EMPTY_WINDOWS ?? 20),
    backfillDays: Number(process.env.BENCH_BACKFILL_DAYS ?? 365),
    rowsPerDay: Number(process.env.BENCH_BACKFILL_ROWS_PER_DAY ?? 240),
    mysqlUrl: process.env.KSQL_ETL_TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306',
  });
  console.log('\norchestration (baselines: the activity called without Temporal; the same range as one range export; one request per 1-day chunk)');
  for (const r of results) console.log(`  ${r.name.padEnd(58)} ${r.value.toFixed(1).padStart(9)} ${r.unit.padEnd(8)} baseline ${r.baseline.toFixed(1)}  ratio ${r.ratio.toFixed(2)}`);
  return results;
}
