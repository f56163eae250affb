import { makeTelemetryFilterString, Runtime, Worker } from '@temporalio/worker';
import type { WorkerEnv } from '../config/env.js';
import { DURATION_BUCKETS_MS, METRICS } from '../activities/export-metrics.js';
import { connectWorkerToTemporal } from '../wiring/connect-temporal.js';
import { activityInterceptors } from './activity-interceptors.js';
import { createLogger, temporalLogger } from './logger.js';
import { missingMemorySettings } from './process-memory.js';
import { WORKFLOW_WEBPACK_CONFIG_HOOK, workflowCode } from './workflow-code.js';

/** Past the grace period, cancelled activities get this long to unwind (remove staging) before the worker gives up. */
const UNWIND_MS = 15_000;

/**
 * Runs the worker until SIGINT/SIGTERM. Then it stops polling; running activities get
 * `WORKER_SHUTDOWN_GRACE` to finish, after which they are cancelled (the pull is aborted, staging
 * removed) and their attempt fails, so Temporal retries it on another worker. Clients are closed
 * and the promise resolves: the process exits 0. A second signal exits at once.
 */
export async function runWorker(env: WorkerEnv): Promise<void> {
  const logger = createLogger(env.LOG_LEVEL);
  const memoryHint = missingMemorySettings(process.env, process.execArgv);
  if (memoryHint) logger.warn(memoryHint);
  Runtime.install({
    logger: temporalLogger(logger),
    // Signals are handled below, so that a second one can force the exit.
    shutdownSignals: [],
    telemetryOptions: {
      // The SDK's native (Rust) warnings go to the same JSON logger.
      logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'WARN' }) },
      ...(env.METRICS_PORT === undefined ? {} : {
        metrics: {
          prometheus: {
            bindAddress: `0.0.0.0:${env.METRICS_PORT}`,
            histogramBucketOverrides: { [METRICS.activityDuration]: DURATION_BUCKETS_MS },
          },
        },
      }),
    },
  });

  let worker: Worker | undefined;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting for running activities');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal, graceMs: env.WORKER_SHUTDOWN_GRACE }, 'shutting down: running activities may finish within the grace period, then are cancelled');
    if (worker?.getState() === 'RUNNING') worker.shutdown();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const runsWorkflows = env.WORKER_TASKS !== 'activities';
  const host = env.WORKER_TASKS === 'workflows' ? undefined : await (await import('./activity-host.js')).hostActivities(env);
  const connection = await connectWorkerToTemporal(env);
  try {
    const code = runsWorkflows ? workflowCode(env.NODE_ENV) : undefined;
    worker = await Worker.create({
      connection,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      // No workflow code, no workflow thread: an activities-only worker polls for activity tasks alone.
      ...(code?.source === 'bundle' ? { workflowBundle: code.workflowBundle } : {}),
      ...(code?.source === 'sources'
        ? { workflowsPath: code.workflowsPath, bundlerOptions: { webpackConfigHook: WORKFLOW_WEBPACK_CONFIG_HOOK } }
        : {}),
      interceptors: {
        activity: [activityInterceptors],
        // With a prebuilt bundle these are inside it already (and this list is ignored).
        workflowModules: code?.source === 'sources' ? code.workflowInterceptorModules : [],
      },
      ...(host ? { activities: host.activities } : {}),
      maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS,
      // DuckDB and the pulls are CPU- and memory-heavy: a few at a time per process.
      maxConcurrentActivityTaskExecutions: env.WORKER_MAX_CONCURRENT_ACTIVITIES,
      maxConcurrentWorkflowTaskExecutions: env.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
      shutdownGraceTime: env.WORKER_SHUTDOWN_GRACE,
      shutdownForceTime: env.WORKER_SHUTDOWN_GRACE + UNWIND_MS,
    });
    logger.info(
      {
        taskQueue: env.TEMPORAL_TASK_QUEUE,
        address: env.TEMPORAL_ADDRESS,
        identity: worker.options.identity,
        tasks: env.WORKER_TASKS,
        workflowCode: code === undefined ? null : code.source === 'bundle' ? code.workflowBundle.codePath : `bundled at start from ${code.workflowsPath}`,
        maxConcurrentActivities: env.WORKER_MAX_CONCURRENT_ACTIVITIES,
        metricsPort: env.METRICS_PORT ?? null,
        feeds: host?.feeds ?? null,
      },
      'worker started',
    );
    if (!stopping) await worker.run();
    logger.info('worker stopped');
  } finally {
    await connection.close();
    await host?.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
