import { defineSearchAttributeKey, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ApplicationFailure, executeChild, workflowInfo } from '@temporalio/workflow';
import { exportStreamWindowArgs, exportTableSnapshotArgs } from './export-args.js';
import { FailureType } from '../config/failure-types.js';
import { exportStreamWindowWorkflow } from './export-stream-window-workflow.js';
import { exportTableSnapshotWorkflow } from './export-table-snapshot-workflow.js';
import { scheduledWindow, type ScheduledWindowSpec } from './scheduled-window.js';
import { streamWindowWorkflowId, tableSnapshotWorkflowId } from './workflow-ids.js';

/** Set by the server on every run a schedule starts: the nominal time, before jitter or delay. */
const SCHEDULED_START = defineSearchAttributeKey('TemporalScheduledStartTime', 'DATETIME');

/** Built from the feed file when the schedule is applied, so this workflow needs no I/O. */
export type ScheduledExportInput = { feed: string } & ({ kind: 'stream' } & ScheduledWindowSpec | { kind: 'table' });

export interface ScheduledExportResult {
  feed: string;
  scheduledAt: string;
  /** the canonical export run: the id a manual `ksql-etl run` of the same window uses */
  workflowId: string;
  /** `already-running`: that id was running (a manual run or a backfill), so this run left it alone */
  outcome: 'exported' | 'already-running';
  window: { start: string; end: string } | null;
  rows: number | null;
  version: number | null;
}

/**
 * What a schedule starts: finds the window of its *scheduled* time and runs the real export as a
 * child under the canonical id, so a scheduled run, a manual run and a backfill of one window
 * never run at once or write the same files.
 */
export async function scheduledExportWorkflow(input: ScheduledExportInput): Promise<ScheduledExportResult> {
  const scheduledMs = scheduledStartMs();
  const scheduledAt = new Date(scheduledMs).toISOString();
  if (input.kind === 'table') {
    const workflowId = tableSnapshotWorkflowId(input.feed, scheduledAt);
    const result = { feed: input.feed, scheduledAt, workflowId, window: null };
    const r = await unlessRunning(executeChild(exportTableSnapshotWorkflow, { workflowId, args: exportTableSnapshotArgs(input.feed) }));
    return r ? { ...result, outcome: 'exported', rows: r.rows, version: r.version } : { ...result, ...alreadyRunning };
  }
  const window = scheduledWindow(scheduledMs, input);
  const range = { feed: input.feed, ...window, slotMs: input.slotMs };
  const workflowId = streamWindowWorkflowId(range);
  const args = exportStreamWindowArgs(range);
  const result = { feed: input.feed, scheduledAt, workflowId, window };
  const r = await unlessRunning(executeChild(exportStreamWindowWorkflow, { workflowId, args }));
  return r ? { ...result, outcome: 'exported', rows: r.rows, version: null } : { ...result, ...alreadyRunning };
}

const alreadyRunning = { outcome: 'already-running', rows: null, version: null } as const;

/** The child's result, or null when its id is already running (child starts have no conflict policy). */
async function unlessRunning<T>(child: Promise<T>): Promise<T | null> {
  try {
    return await child;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return null;
    throw err;
  }
}

/** The typed attribute; then the older untyped map; then the `-<time>` suffix the server adds to the id. */
function scheduledStartMs(): number {
  const info = workflowInfo();
  const typed = info.typedSearchAttributes.get(SCHEDULED_START);
  if (typed) return typed.getTime();
  // Deprecated map: only read when a server sends the attribute without type metadata.
  const untyped = info.searchAttributes?.TemporalScheduledStartTime?.[0];
  if (untyped !== undefined && !Number.isNaN(new Date(untyped as string).getTime())) return new Date(untyped as string).getTime();
  const suffix = /-(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)$/.exec(info.workflowId)?.[1];
  if (suffix) return Date.parse(suffix);
  throw ApplicationFailure.nonRetryable(
    `${info.workflowId} was not started by a schedule, so it has no scheduled time; export a window by hand with \`ksql-etl run\``,
    FailureType.BadWorkflowInput,
  );
}
