import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, sleep, startChild } from '@temporalio/workflow';
import type { SlotRange } from '../config/slot-range.js';
import type { ActivityTuning } from './activity-options.js';
import { exportStreamWindowArgs } from './export-args.js';
import { exportStreamWindowWorkflow, type ExportStreamWindowInput, type ExportStreamWindowResult } from './export-stream-window-workflow.js';
import { streamWindowWorkflowId } from './workflow-ids.js';

/** A manual run of the same range may take a while; back off to this between start attempts. */
const MAX_RETRY_MS = 5 * 60_000;

/**
 * The child export of one run of slots: the canonical id a manual run of the same range gets, and
 * its input (built by export-args.ts, like every caller's).
 */
export function slotRunChild(feed: string, run: Pick<SlotRange, 'start' | 'end'>, slotMs: number, tuning?: ActivityTuning): { workflowId: string; args: [ExportStreamWindowInput] } {
  const range = { feed, start: run.start, end: run.end, slotMs };
  return { workflowId: streamWindowWorkflowId(range), args: exportStreamWindowArgs(range, tuning) };
}

export interface SlotRunHooks {
  /** the first time a manual run of the same range holds the id */
  onAttachedElsewhere(): void;
  /** the child started: one source request */
  onStarted(): void;
}

/**
 * Exports one run of slots as a child workflow and returns its counts. A child cannot join a
 * running workflow, and its result is out of reach from workflow code; so when a manual run holds
 * the id, wait and start again once it has closed (re-exporting a range is idempotent).
 */
export async function exportSlotRun(
  feed: string, run: Pick<SlotRange, 'start' | 'end'>, slotMs: number, retryMs: number, hooks: SlotRunHooks, tuning?: ActivityTuning,
): Promise<ExportStreamWindowResult> {
  const child = slotRunChild(feed, run, slotMs, tuning);
  for (let wait = retryMs, attempt = 1; ; wait = Math.min(wait * 2, MAX_RETRY_MS), attempt++) {
    try {
      const handle = await startChild(exportStreamWindowWorkflow, {
        ...child,
        // A cancelled backfill asks its exports to stop rather than killing them mid-publish.
        parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
        workflowIdReusePolicy: 'ALLOW_DUPLICATE',
      });
      hooks.onStarted();
      return await handle.result();
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      if (attempt === 1) hooks.onAttachedElsewhere();
      await sleep(wait);
    }
  }
}

/** The innermost message of a failure chain: what the activity said, not "child workflow failed". */
export function innermostMessage(err: unknown): string {
  let current: unknown = err;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}
