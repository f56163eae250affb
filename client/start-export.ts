import type { Client, WorkflowHandleWithFirstExecutionRunId as WorkflowHandle } from '@temporalio/client';
import type { Feed, StreamFeed } from '../config/feed-schema.js';
import { slotRange, type SlotRange } from '../config/slot-range.js';
import { slotWindow } from './slot-window.js';
import type { exportStreamWindowWorkflow, exportTableSnapshotWorkflow } from '../workflows/index.js';
import type { ActivityTuning } from '../workflows/activity-options.js';
import { exportStreamWindowArgs, exportTableSnapshotArgs } from '../workflows/export-args.js';
import { streamWindowWorkflowId, tableSnapshotWorkflowId } from '../workflows/workflow-ids.js';

export type ExportHandle =
  | { kind: 'stream'; feed: string; range: SlotRange; handle: WorkflowHandle<typeof exportStreamWindowWorkflow> }
  | { kind: 'table'; feed: string; handle: WorkflowHandle<typeof exportTableSnapshotWorkflow> };

export interface ExportRequest {
  /** stream feeds: first slot (ISO with a zone); defaults to the last complete slot before `now` */
  window?: string;
  /** stream feeds: end of the range (ISO with a zone); defaults to one slot after `window` */
  end?: string;
  now?: Date;
  /** the workers' task queue; default `TEMPORAL_TASK_QUEUE` (tests give each suite its own) */
  taskQueue?: string;
  /** shorter activity timeouts for this run (fault tests) */
  tuning?: ActivityTuning;
}

/**
 * Starts the export workflow of one feed. Ids are deterministic: starting a window that is already
 * running joins that run instead of starting a second one.
 */
export async function startExport(client: Client, feed: Feed, request: ExportRequest & { taskQueue: string }): Promise<ExportHandle> {
  const now = request.now ?? new Date();
  const { taskQueue } = request;
  if (feed.kind === 'table') {
    const handle = await client.workflow.start<typeof exportTableSnapshotWorkflow>('exportTableSnapshotWorkflow', {
      taskQueue,
      workflowId: tableSnapshotWorkflowId(feed.id, now.toISOString()),
      args: exportTableSnapshotArgs(feed.id, request.tuning),
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    return { kind: 'table', feed: feed.id, handle };
  }
  const range = rangeOf(feed, request, now);
  const handle = await client.workflow.start<typeof exportStreamWindowWorkflow>('exportStreamWindowWorkflow', {
    taskQueue,
    workflowId: streamWindowWorkflowId(range),
    args: exportStreamWindowArgs(range, request.tuning),
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  return { kind: 'stream', feed: feed.id, range, handle };
}

/**
 * The requested range, by default the last complete slot before `now`, checked as the command line
 * checks it (the activity checks again), so a bad range never becomes a failed run.
 */
export function rangeOf(feed: StreamFeed, request: Pick<ExportRequest, 'window' | 'end'>, now: Date): SlotRange {
  const { startMs, endMs } = slotWindow(feed, { from: request.window, to: request.end }, now);
  return slotRange(feed, new Date(startMs).toISOString(), new Date(endMs).toISOString());
}
