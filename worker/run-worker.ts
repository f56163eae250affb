import { fileURLToPath } from 'node:url';
import { Runtime, Worker } from '@temporalio/worker';
import type { Env } from '../config/env.js';
import { TASK_QUEUE } from '../config/temporal.js';
import { createActivities } from '../activities/index.js';
import { connectWorkerToTemporal } from '../wiring/connect-temporal.js';
import { createDeps } from './create-deps.js';
import { createLogger, temporalLogger } from './logger.js';

/** Resolves next to this file: `.ts` under vitest/tsx, `.js` once compiled. */
export const WORKFLOWS_PATH = fileURLToPath(new URL(`../workflows/index${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url));

/**
 * Runs the worker until SIGINT/SIGTERM. In-flight activities get `shutdownGraceTime` to finish;
 * the heartbeat timeout lets the server hand unfinished ones to another worker.
 */
export async function runWorker(env: Env): Promise<void> {
  const logger = createLogger(env.LOG_LEVEL);
  Runtime.install({ logger: temporalLogger(logger) });
  const deps = await createDeps(env);
  const connection = await connectWorkerToTemporal(env);
  try {
    const worker = await Worker.create({
      connection,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: TASK_QUEUE,
      workflowsPath: WORKFLOWS_PATH,
      activities: createActivities(deps),
      // DuckDB and the pulls are CPU- and memory-heavy: a few at a time per process.
      maxConcurrentActivityTaskExecutions: 4,
      shutdownGraceTime: '30s',
    });
    logger.info({ taskQueue: TASK_QUEUE, address: env.TEMPORAL_ADDRESS, feeds: [...deps.feeds.keys()] }, 'worker started');
    await worker.run();
  } finally {
    await connection.close();
    await deps.close();
  }
}
