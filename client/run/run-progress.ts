import type { Client, WorkflowHandle } from '@temporalio/client';

// The proto enums' values (TASK_QUEUE_KIND_NORMAL, TASK_QUEUE_TYPE_WORKFLOW): @temporalio/proto is
// not a dependency of ours, only of the client's.
const KIND_NORMAL = 1;
const TYPE_WORKFLOW = 1;

/** What a running export is doing, from its pending activity: rows so far and, when retrying, why. */
export interface RunProgress {
  activity: string;
  attempt: number;
  /** rows seen so far, from the activity's latest heartbeat */
  rows: number | null;
  /** the previous attempt's failure, while it is being retried */
  lastFailure: string | null;
}

/** The progress of each pending activity of the workflow (empty between activities). */
export async function runProgress(client: Client, handle: WorkflowHandle): Promise<RunProgress[]> {
  const { raw } = await handle.describe();
  const converter = client.options.loadedDataConverter.payloadConverter;
  return (raw.pendingActivities ?? []).map((a) => {
    const payload = a.heartbeatDetails?.payloads?.[0];
    const details = payload ? (converter.fromPayload(payload) as { rowsSeen?: number } | null) : null;
    return {
      activity: a.activityType?.name ?? 'activity',
      attempt: a.attempt ?? 1,
      rows: typeof details?.rowsSeen === 'number' ? details.rowsSeen : null,
      lastFailure: a.lastFailure?.message ?? null,
    };
  });
}

/** One line per pending activity, e.g. `exportStreamSlots: 1200 rows so far (attempt 3; last failure: …)`. */
export function describeProgress(progress: readonly RunProgress[]): string[] {
  return progress.map((p) => {
    const rows = p.rows === null ? 'started' : `${p.rows} rows so far`;
    const retry = p.attempt > 1 ? ` (attempt ${p.attempt}; last failure: ${p.lastFailure ?? 'unknown'})` : '';
    return `  ${p.activity}: ${rows}${retry}`;
  });
}

/** How many workers have polled the task queue lately: 0 means a run there waits for nobody. */
export async function taskQueuePollers(client: Client, taskQueue: string): Promise<number> {
  const response = await client.workflowService.describeTaskQueue({
    namespace: client.options.namespace,
    taskQueue: { name: taskQueue, kind: KIND_NORMAL },
    taskQueueType: TYPE_WORKFLOW,
  });
  return response.pollers?.length ?? 0;
}
