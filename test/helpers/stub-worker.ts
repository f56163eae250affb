import { randomUUID } from 'node:crypto';
import { activityInfo } from '@temporalio/activity';
import {
  ApplicationFailure,
  Client,
  Connection,
  WorkflowFailedError,
  type WorkflowHandleWithFirstExecutionRunId,
  type WorkflowStartOptions,
} from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import type { Activities } from '../../activities/index.js';
import { workflowBundle } from './workflow-bundle.js';

/** One activity execution as the stub saw it. */
export interface ActivityCall {
  activity: keyof Activities;
  input: unknown;
  attempt: number;
}

export interface StubRun {
  client: Client;
  /** a task queue and a workflow id of this run's own */
  taskQueue: string;
  workflowId: string;
  /** every activity execution so far, retries included, in order */
  calls: ActivityCall[];
  /** starts the workflow type (by name: workflow code stays out of this process) on this run's queue and id */
  start<W extends Workflow>(workflowType: string, args: Parameters<W>): Promise<WorkflowHandleWithFirstExecutionRunId<W>>;
}

let runtimeInstalled = false;

/** One runtime per test process (each file is its own fork), installed before any worker, replay ones included. */
export function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  // These tests fail runs on purpose: keep the SDK's "Workflow failed" warnings out of the output.
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  runtimeInstalled = true;
}

/**
 * Runs `fn` while a real Worker polls a task queue of its own on the global setup's dev server,
 * with the real workflow code and the given stub activities (typed as the real ones, so a changed
 * activity signature breaks the test at compile time). Every activity call is recorded.
 */
export async function withStubWorker<T>(name: string, stubs: Partial<Activities>, fn: (run: StubRun) => Promise<T>): Promise<T> {
  installQuietRuntime();
  const address = inject('temporalAddress');
  const client = new Client({ connection: await Connection.connect({ address }) });
  const taskQueue = `wf-${name}-${randomUUID()}`;
  const workflowId = `wf-${name}-${randomUUID()}`;
  const run: StubRun = {
    client,
    taskQueue,
    workflowId,
    calls: [],
    // The SDK's conditional `args` type cannot be checked against a generic W; callers' args are.
    start: <W extends Workflow>(workflowType: string, args: Parameters<W>) =>
      client.workflow.start<W>(workflowType, { taskQueue, workflowId, args } as unknown as WorkflowStartOptions<W>),
  };
  const workerConnection = await NativeConnection.connect({ address });
  try {
    const worker = await Worker.create({
      connection: workerConnection,
      taskQueue: run.taskQueue,
      workflowBundle: await workflowBundle(),
      activities: recorded(stubs, run.calls),
    });
    return await worker.runUntil(fn(run));
  } finally {
    await workerConnection.close();
    await run.client.connection.close();
  }
}

function recorded(stubs: Partial<Activities>, calls: ActivityCall[]): Partial<Activities> {
  const wrapped: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [activity, stub] of Object.entries(stubs) as Array<[keyof Activities, (input: unknown) => Promise<unknown>]>) {
    wrapped[activity] = (input) => {
      calls.push({ activity, input, attempt: activityInfo().attempt });
      return stub(input);
    };
  }
  return wrapped as Partial<Activities>;
}

/** The failure an activity ended a run with: its type and message, from the WorkflowFailedError chain. */
export async function activityFailureOf(result: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await result.then(
    () => {
      throw new Error('expected the workflow to fail');
    },
    (err: unknown) => err,
  );
  if (!(error instanceof WorkflowFailedError)) throw error;
  let cause: unknown = error.cause;
  while (cause instanceof Error && !(cause instanceof ApplicationFailure)) cause = cause.cause;
  if (!(cause instanceof ApplicationFailure)) throw new Error(`no ApplicationFailure in ${String(error)}`);
  return cause;
}
