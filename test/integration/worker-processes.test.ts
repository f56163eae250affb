import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { runExport } from '../../client/run/run-export.js';
import { startExport } from '../../client/run/start-export.js';
import { envSchema, type Env } from '../../config/env.js';
import { getFeed, loadFeeds, type FeedRegistry } from '../../config/load-feeds.js';
import { stagingRoot } from '../../lake/index.js';
import { startStandin, type Standin } from '../../standin/index.js';
import { applyWarehouseSchema } from '../../warehouse/apply-schema.js';
import { Warehouse } from '../../warehouse/warehouse.js';
import { readLocalFeedMetadata } from '../helpers/lake-layout.js';
import { freePort, REPO_ROOT } from '../helpers/services.js';
import { testDatabaseUrl } from '../helpers/test-warehouse.js';
import { startWorkerProcess, workerEnvOf, type LogLine, type WorkerProcess } from '../helpers/worker-process.js';
import { streamRange } from '../helpers/stream-range.js';

// Two `ksql-etl worker` processes from the built CLI on one task queue, as a deployment runs them.
const DAY = '2026-10-05';
const FEED = 'transaction_stream';
const GRACE_MS = 3000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let standin: Standin;
let lakeDir: string;
let mysqlUrl: string;
let env: Env;
let feeds: FeedRegistry;
let connection: Connection;
let client: Client;
const workers: Array<WorkerProcess & { identity: string; metricsPort: number }> = [];

async function startWorker(): Promise<(typeof workers)[number]> {
  const metricsPort = await freePort();
  const proc = startWorkerProcess({
    ...workerEnvOf(env),
    METRICS_PORT: String(metricsPort),
    // One activity at a time per process: concurrent runs must spread over both.
    WORKER_MAX_CONCURRENT_ACTIVITIES: '1',
    WORKER_SHUTDOWN_GRACE: `${GRACE_MS}ms`,
  });
  const started = await proc.waitForLine((l) => l.msg === 'worker started');
  const worker = { ...proc, identity: String(started.identity), metricsPort };
  workers.push(worker);
  return worker;
}

beforeAll(async () => {
  // The worker under test is the built one (compiled JS plus the prebuilt workflow bundle), built by the global setup.
  standin = await startStandin({ port: 0, seed: 21, start: `${DAY}T00:00:00Z`, days: 1, rowsPerDay: 2400 });
  lakeDir = await mkdtemp(join(tmpdir(), 'ksql-etl-workers-lake-'));
  mysqlUrl = testDatabaseUrl('workers');
  await applyWarehouseSchema(mysqlUrl, join(REPO_ROOT, 'sql'));
  env = envSchema.parse({
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: `test-workers-${Date.now()}`,
    KSQLDB_URL: standin.url,
    MYSQL_URL: mysqlUrl,
    LAKE_DIR: lakeDir,
    FEEDS_DIR: join(REPO_ROOT, 'feeds'),
  });
  feeds = await loadFeeds(env.FEEDS_DIR);
  connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  client = new Client({ connection });
  await Promise.all([startWorker(), startWorker()]);
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await connection?.close();
  await standin?.close();
  if (mysqlUrl) {
    const warehouse = Warehouse.connect(mysqlUrl);
    await warehouse.query(`DROP DATABASE \`${warehouse.database}\``);
    await warehouse.close();
  }
  if (lakeDir) await rm(lakeDir, { recursive: true, force: true });
});

/** `name{tag="v",...} value` lines of a Prometheus text page. */
async function scrape(port: number): Promise<Array<{ name: string; tags: Record<string, string>; value: number }>> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return text.split('\n').flatMap((line) => {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) return [];
    const tags = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map(([, k, v]) => [k!, v!]));
    return [{ name: m[1]!, tags, value: Number(m[3]) }];
  });
}

async function metricSum(name: string, tags: Record<string, string>): Promise<number> {
  const pages = await Promise.all(workers.filter((w) => w.proc.exitCode === null).map((w) => scrape(w.metricsPort)));
  return pages.flat()
    .filter((s) => s.name === name && Object.entries(tags).every(([k, v]) => s.tags[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

async function activityIdentities(workflowId: string): Promise<string[]> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).flatMap((e) => (e.activityTaskStartedEventAttributes ? [e.activityTaskStartedEventAttributes.identity ?? ''] : []));
}

const hour = (h: number) => new Date(Date.parse(`${DAY}T00:00:00Z`) + h * 3_600_000).toISOString();

describe('worker processes', () => {
  it('load the prebuilt workflow bundle, share one task queue, log JSON with the run and feed, and count what they wrote', async () => {
    for (const w of workers) {
      const started = w.lines.find((l) => l.msg === 'worker started')!;
      expect(started).toMatchObject({ taskQueue: env.TEMPORAL_TASK_QUEUE, maxConcurrentActivities: 1, metricsPort: w.metricsPort });
      expect(String(started.workflowCode)).toBe(join(REPO_ROOT, 'dist/workflow-bundle.js'));
    }
    const feed = getFeed(feeds, FEED);
    // 8 ranges of 3 hours, all at once: with one activity slot per process, both must take some.
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) => runExport(client, env, feed, { range: streamRange(feed, hour(i * 3), hour(i * 3 + 3)) })),
    );
    const rows = outcomes.reduce((sum, o) => sum + o.rows, 0);
    expect(rows).toBe(standin.dataset.transactions.length);

    const identities = new Set((await Promise.all(outcomes.map((o) => activityIdentities(o.workflowId)))).flat());
    expect(identities).toEqual(new Set(workers.map((w) => w.identity)));
    for (const w of workers) {
      const done = w.lines.filter((l) => l.msg === 'activity completed' && l.activityType === 'exportStreamSlots');
      expect(done.length).toBeGreaterThan(0);
      for (const line of done) {
        expect(line).toMatchObject({ feed: FEED, taskQueue: env.TEMPORAL_TASK_QUEUE });
        expect(outcomes.map((o) => o.workflowId)).toContain(line.workflowId);
        expect(outcomes.map((o) => o.runId)).toContain(line.workflowRunId);
      }
      // Workflow lines come through the SDK's logger sink, with the feed from the workflow interceptor.
      const workflowDone = w.lines.filter((l: LogLine) => l.msg === 'workflow completed');
      for (const line of workflowDone) expect(line).toMatchObject({ feed: FEED, workflowType: 'exportStreamWindowWorkflow' });
    }
    // The SDK hands a workflow's log lines to the logger once its task is done: a moment after the client sees the result.
    await vi.waitFor(() => expect(workers.flatMap((w) => w.lines).filter((l) => l.msg === 'workflow completed')).toHaveLength(8));

    const metadata = await readLocalFeedMetadata(lakeDir, 'stream', FEED);
    const bytes = metadata?.kind === 'stream' ? Object.values(metadata.slots).reduce((sum, s) => sum + s.bytes, 0) : 0;
    const tags = { feed: FEED, activityType: 'exportStreamSlots' };
    expect(await metricSum('ksql_etl_rows_exported', tags)).toBe(rows);
    expect(await metricSum('ksql_etl_bytes_written', tags)).toBe(bytes);
    expect(bytes).toBeGreaterThan(0);
    expect(await metricSum('ksql_etl_rows_quarantined', tags)).toBe(0);
    expect(await metricSum('ksql_etl_activity_duration_count', tags)).toBe(8);
    // the SDK's own metrics come out of the same endpoint
    expect(await metricSum('temporal_activity_execution_latency_count', { activity_type: 'exportStreamSlots' })).toBe(8);
  });

  it('on SIGTERM during a long export: exits 0 within the grace period, leaves no staging, and the run completes on the other worker', async () => {
    const feed = getFeed(feeds, FEED);
    // The pull sends 200 rows, then nothing for a minute: an export that is still running.
    standin.faults.add({ fault: 'stall', match: { path: '/query-stream', sqlContains: FEED }, afterRows: 200, stallMs: 60_000, times: 1 });
    const started = await startExport(client, feed, { range: streamRange(feed, hour(0), hour(24)), taskQueue: env.TEMPORAL_TASK_QUEUE });
    if (started.kind !== 'stream') throw new Error('expected a stream export');
    const workflowId = started.handle.workflowId;
    const isStart = (l: LogLine) => l.msg === 'activity started' && l.workflowId === workflowId;
    const busy = await Promise.any(workers.map((w) => w.waitForLine(isStart).then(() => w)));
    const other = workers.find((w) => w !== busy)!;
    for (let i = 0; (await readdir(stagingRoot(lakeDir)).catch(() => [])).length === 0; i++) {
      expect(i).toBeLessThan(100);
      await sleep(100);
    }

    const signalled = Date.now();
    busy.proc.kill('SIGTERM');
    expect(await busy.exited).toBe(0);
    const tookMs = Date.now() - signalled;
    expect(tookMs).toBeGreaterThanOrEqual(GRACE_MS - 200); // it waited for the activity...
    expect(tookMs).toBeLessThan(GRACE_MS + 10_000); // ...then cancelled it instead of waiting out the stall
    expect(busy.lines.find((l) => l.msg === 'activity failed' && l.workflowId === workflowId)).toMatchObject({ cancelled: true, retryable: true, feed: FEED });
    expect(busy.lines.at(-1)?.msg).toBe('worker stopped');
    expect(await readdir(stagingRoot(lakeDir))).toEqual([]);

    const result = await started.handle.result();
    expect(result.rows).toBe(standin.dataset.transactions.length);
    expect(await activityIdentities(workflowId)).toEqual([other.identity]);
    expect(other.lines.find((l) => l.msg === 'activity started' && l.workflowId === workflowId)?.attempt).toBe(2);
  });
});
