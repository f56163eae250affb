import type { Client, WorkflowHandleWithFirstExecutionRunId as WorkflowHandle } from '@temporalio/client';
import type { Feed } from '../../config/feed-schema.js';
import type { SlotRange } from '../../config/slot-range.js';
import type { exportStreamWindowWorkflow, exportTableSnapshotWorkflow } from '../../workflows/index.js';
import type { ActivityTuning } from '../../workflows/activity-options.js';
import { exportStreamWindowArgs, exportTableSnapshotArgs } from '../../workflows/export-args.js';
import { streamWindowWorkflowId, tableSnapshotWorkflowId } from '../../workflows/workflow-ids.js';

export type ExportHandle =
  | { kind: 'stream'; feed: string; range: SlotRange; handle: WorkflowHandle<typeof exportStreamWindowWorkflow> }
  | { kind: 'table'; feed: string; handle: WorkflowHandle<typeof exportTableSnapshotWorkflow> };

export interface ExportRequest {
  /** stream feeds: the slots to export, made once from the window by `windowRange` (or `exportRequestFor`) */
  range?: SlotRange;
  /** table feeds: when the snapshot is taken, which names its workflow id; default the current time */
  now?: Date;
  /** the workers' task queue; default `TEMPORAL_TASK_QUEUE` (tests give each suite its own) */
  taskQueue?: string;
  /** shorter activity timeouts for this run (fault tests) */
  tuning?: ActivityTuning;
}

/**
 * Starts the export workflow of one feed. Ids are deterministic: starting a range that is already
 * running joins that run instead of starting a second one.
 */
export async function startExport(client: Client, feed: Feed, request: ExportRequest & { taskQueue: string }): Promise<ExportHandle> {
  const { taskQueue, range } = request;
  if (feed.kind === 'table') {
    const now = request.now ?? new Date();
    const handle = await client.workflow.start<typeof exportTableSnapshotWorkflow>('exportTableSnapshotWorkflow', {
      taskQueue,
      workflowId: tableSnapshotWorkflowId(feed.id, now.toISOString()),
      args: exportTableSnapshotArgs(feed.id, request.tuning),
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    return { kind: 'table', feed: feed.id, handle };
  }
  if (range?.feed !== feed.id) throw new TypeError(`stream feed ${feed.id} needs the range to export (windowRange), got ${range ? `one of ${range.feed}` : 'none'}`);
  const handle = await client.workflow.start<typeof exportStreamWindowWorkflow>('exportStreamWindowWorkflow', {
    taskQueue,
    workflowId: streamWindowWorkflowId(range),
    args: exportStreamWindowArgs(range, request.tuning),
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  return { kind: 'stream', feed: feed.id, range, handle };
}
