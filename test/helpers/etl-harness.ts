import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { createActivities, type ActivityDeps } from '../../activities/index.js';
import { envSchema, type Env } from '../../config/env.js';
import { loadFeeds } from '../../config/load-feeds.js';
import type { DatasetOptions } from '../../generator/index.js';
import { KsqlDbClient, type KsqlDbClientOptions } from '../../ksqldb/index.js';
import { Lake } from '../../lake/index.js';
import { startStandin, type Standin } from '../../standin/index.js';
import { applyWarehouseSchema } from '../../warehouse/apply-schema.js';
import { Warehouse } from '../../warehouse/warehouse.js';
import { activityInterceptors } from '../../worker/activity-interceptors.js';
import { REPO_ROOT } from './services.js';
import { testDatabaseUrl } from './test-warehouse.js';
import { workflowBundle } from './workflow-bundle.js';

export interface Harness {
  readonly standin: Standin;
  /** take ksqlDB away, then bring it back on the same port with the same data */
  stopStandin(): Promise<void>;
  restartStandin(): Promise<void>;
  deps: ActivityDeps;
  client: Client;
  env: Env;
  taskQueue: string;
  /** restart a worker (e.g. after stopping it in a fault test) */
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Every real part of one suite: the ksqlDB stand-in on a free port, a temporary lake, a database of
 * its own on the local MariaDB, and a worker on its own task queue of the shared Temporal server.
 */
export async function startHarness(opts: {
  dataset: Partial<DatasetOptions>;
  name: string;
  /** how the worker's client talks to ksqlDB (default: chosen from the server version) */
  ksql?: Pick<KsqlDbClientOptions, 'protocol' | 'format' | 'idleTimeoutMs'>;
}): Promise<Harness> {
  // One runtime per test process (each file is its own fork): keep the SDK's INFO chatter out of the output.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  let standin = await startStandin({ port: 0, ...opts.dataset });
  const standinPort = standin.port;
  const lakeRoot = await mkdtemp(join(tmpdir(), `ksql-etl-${opts.name}-lake-`));
  const mysqlUrl = testDatabaseUrl(opts.name);
  await applyWarehouseSchema(mysqlUrl, join(REPO_ROOT, 'sql'));
  const env = envSchema.parse({
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    KSQLDB_URL: standin.url,
    MYSQL_URL: mysqlUrl,
    LAKE_DIR: lakeRoot,
    FEEDS_DIR: join(REPO_ROOT, 'feeds'),
  });
  const deps: ActivityDeps = {
    feeds: await loadFeeds(env.FEEDS_DIR),
    ksql: new KsqlDbClient({ url: env.KSQLDB_URL, ...opts.ksql }),
    lake: await Lake.open(lakeRoot),
    warehouse: Warehouse.connect(mysqlUrl),
  };
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const client = new Client({ connection });
  const taskQueue = `test-${opts.name}-${randomUUID()}`;
  let running: { worker: Worker; done: Promise<void>; connection: NativeConnection } | undefined;

  async function startWorker(): Promise<void> {
    const workerConnection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
    const worker = await Worker.create({
      connection: workerConnection,
      taskQueue,
      workflowBundle: await workflowBundle(),
      activities: createActivities(deps),
      interceptors: { activity: [activityInterceptors] },
    });
    running = { worker, done: worker.run(), connection: workerConnection };
  }
  async function stopWorker(): Promise<void> {
    if (!running) return;
    running.worker.shutdown();
    await running.done;
    await running.connection.close();
    running = undefined;
  }
  await startWorker();
  return {
    get standin() {
      return standin;
    },
    stopStandin: () => standin.close(),
    async restartStandin() {
      standin = await startStandin({ port: standinPort, ...opts.dataset });
    },
    deps,
    client,
    env,
    taskQueue,
    startWorker,
    stopWorker,
    async stop() {
      await stopWorker();
      await connection.close();
      await standin.close();
      deps.lake.close();
      await deps.ksql.close();
      await deps.warehouse.query(`DROP DATABASE \`${deps.warehouse.database}\``);
      await deps.warehouse.close();
      await rm(lakeRoot, { recursive: true, force: true });
    },
  };
}
