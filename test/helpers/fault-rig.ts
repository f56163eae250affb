import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { inject } from 'vitest';
import { envSchema, type Env } from '../../config/env.js';
import { loadFeeds, type FeedRegistry } from '../../config/load-feeds.js';
import type { DatasetOptions } from '../../generator/index.js';
import { startStandin, type Standin } from '../../standin/index.js';
import { applyWarehouseSchema } from '../../warehouse/apply-schema.js';
import { Warehouse } from '../../warehouse/warehouse.js';
import type { ActivityTuning } from '../../workflows/activity-options.js';
import { freePort, REPO_ROOT } from './services.js';
import { testDatabaseUrl } from './test-warehouse.js';
import { startWorkerProcess, workerEnvOf, type WorkerProcess } from './worker-process.js';

/**
 * The runs of fault tests notice a killed worker in 3 s rather than a minute, and retry within a
 * second rather than backing off to one: many kills fit in one test.
 */
export const FAULT_TUNING: ActivityTuning = { heartbeatTimeout: '3s', retryInitialInterval: '200ms', retryMaximumInterval: '1s' };

export type ReadyWorker = WorkerProcess & { identity: string };

export interface FaultRig {
  readonly standin: Standin;
  env: Env;
  client: Client;
  feeds: FeedRegistry;
  warehouse: Warehouse;
  /** a `ksql-etl worker` process of the built CLI on the rig's task queue, once it logged `worker started` */
  startWorker(extraEnv?: Record<string, string>): Promise<ReadyWorker>;
  /** take ksqlDB away, then bring it back on the same port with the same data */
  stopStandin(): Promise<void>;
  restartStandin(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The real parts of a fault test, with no worker of its own: workers are processes the test
 * kills. A stand-in, a temporary lake, a fresh database, a task queue of its own on `temporalAddress`
 * (default: the project's dev server).
 */
export async function startFaultRig(opts: { name: string; dataset: Partial<DatasetOptions>; temporalAddress?: string }): Promise<FaultRig> {
  let standin = await startStandin({ port: 0, ...opts.dataset });
  const standinPort = standin.port;
  const lakeDir = await mkdtemp(join(tmpdir(), `ksql-etl-${opts.name}-lake-`));
  const mysqlUrl = testDatabaseUrl(opts.name);
  await applyWarehouseSchema(mysqlUrl, join(REPO_ROOT, 'sql'));
  const env = envSchema.parse({
    TEMPORAL_ADDRESS: opts.temporalAddress ?? inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: `faults-${opts.name}-${Date.now()}`,
    KSQLDB_URL: standin.url,
    MYSQL_URL: mysqlUrl,
    LAKE_DIR: lakeDir,
    FEEDS_DIR: join(REPO_ROOT, 'feeds'),
  });
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const client = new Client({ connection });
  const warehouse = Warehouse.connect(mysqlUrl);
  const workers: WorkerProcess[] = [];

  return {
    get standin() {
      return standin;
    },
    env,
    client,
    feeds: await loadFeeds(env.FEEDS_DIR),
    warehouse,
    async startWorker(extraEnv = {}) {
      const proc = startWorkerProcess({
        ...workerEnvOf(env),
        METRICS_PORT: String(await freePort()),
        ...extraEnv,
      });
      workers.push(proc);
      const started = await proc.waitForLine((l) => l.msg === 'worker started');
      return Object.assign(proc, { identity: String(started.identity) });
    },
    stopStandin: () => standin.close(),
    async restartStandin() {
      standin = await startStandin({ port: standinPort, ...opts.dataset });
    },
    async stop() {
      await Promise.all(workers.map((w) => w.stop()));
      await connection.close();
      await standin.close();
      await warehouse.query(`DROP DATABASE \`${warehouse.database}\``).catch(() => undefined);
      await warehouse.close();
      await rm(lakeDir, { recursive: true, force: true });
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
