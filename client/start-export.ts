import type { Client, WorkflowHandleWithFirstExecutionRunId as WorkflowHandle } from '@temporalio/client';
import type { Feed } from '../config/feed-schema.js';
import { durationMs } from '../config/duration.js';
import { slotRangeProblem } from '../config/slot-range.js';
import { TASK_QUEUE } from '../config/temporal.js';
import { UsageError } from './usage-error.js';
import type { exportStreamWindowWorkflow, exportTableSnapshotWorkflow } from '../workflows/index.js';
import { exportStreamWindowArgs, exportTableSnapshotArgs } from '../workflows/export-args.js';
import { streamWindowWorkflowId, tableSnapshotWorkflowId } from '../workflows/workflow-ids.js';

export type ExportHandle =
  | { kind: 'stream'; start: string; end: string; slotMs: number; handle: WorkflowHandle<typeof exportStreamWindowWorkflow> }
  | { kind: 'table'; handle: WorkflowHandle<typeof exportTableSnapshotWorkflow> };

export interface ExportRequest {
  /** stream feeds: first slot (ISO); defaults to the last complete slot before `now` */
  window?: string;
  /** stream feeds: end of the range (ISO); defaults to one slot after `window` */
  end?: string;
  now?: Date;
  /** the worker's task queue (tests give each suite its own) */
  taskQueue?: string;
}

/**
 * Starts the export workflow of one feed. Ids are deterministic: starting a window that is already
 * running joins that run instead of starting a second one.
 */
export async function startExport(client: Client, feed: Feed, request: ExportRequest = {}): Promise<ExportHandle> {
  const now = request.now ?? new Date();
  const taskQueue = request.taskQueue ?? TASK_QUEUE;
  if (feed.kind === 'table') {
    const handle = await client.workflow.start<typeof exportTableSnapshotWorkflow>('exportTableSnapshotWorkflow', {
      taskQueue,
      workflowId: tableSnapshotWorkflowId(feed.id, now.toISOString()),
      args: exportTableSnapshotArgs(feed.id),
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    return { kind: 'table', handle };
  }
  const slotMs = durationMs(feed.slot);
  const start = request.window ?? new Date(Math.floor(now.getTime() / slotMs) * slotMs - slotMs).toISOString();
  const end = request.end ?? new Date(Date.parse(start) + slotMs).toISOString();
  // Checked before starting (the activity checks again), so a bad range never becomes a failed run.
  const problem = slotRangeProblem(start, end, slotMs);
  if (problem) throw new UsageError(`feed ${feed.id} has ${feed.slot} slots: ${problem}`);
  const handle = await client.workflow.start<typeof exportStreamWindowWorkflow>('exportStreamWindowWorkflow', {
    taskQueue,
    workflowId: streamWindowWorkflowId(feed.id, start, end, slotMs),
    args: exportStreamWindowArgs({ feed: feed.id, start, end, slotMs }),
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  return { kind: 'stream', start, end, slotMs, handle };
}
