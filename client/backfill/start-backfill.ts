import type { Client, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { backfillWorkflow, BackfillInput } from '../../workflows/backfill-workflow.js';
import { SA_FEED } from '../../workflows/search-attributes.js';
import { backfillWorkflowId } from '../../workflows/workflow-ids.js';

export type BackfillHandle = WorkflowHandleWithFirstExecutionRunId<typeof backfillWorkflow>;

function start(client: Client, input: BackfillInput, taskQueue: string, onRunning: 'USE_EXISTING' | 'FAIL'): Promise<BackfillHandle> {
  return client.workflow.start<typeof backfillWorkflow>('backfillWorkflow', {
    taskQueue,
    workflowId: backfillWorkflowId(input.feed, input.start, input.end),
    args: [input],
    workflowIdConflictPolicy: onRunning,
    typedSearchAttributes: [{ key: SA_FEED, value: input.feed }],
  });
}

/**
 * Starts the backfill of one (feed, range), or attaches to it if it is already running: the id
 * is deterministic, so running the same command again (after Ctrl-C, say) finds it.
 */
export function startBackfill(client: Client, input: BackfillInput, taskQueue: string): Promise<BackfillHandle> {
  return start(client, input, taskQueue, 'USE_EXISTING');
}

/**
 * startBackfill, also saying whether it attached to a run already going (whose input, not this
 * one, then decides what is exported), so the command line can tell the person. Temporal's start
 * does not say which happened, hence a refused start first.
 */
export async function startOrAttachBackfill(client: Client, input: BackfillInput, taskQueue: string): Promise<{ handle: BackfillHandle; attached: boolean }> {
  try {
    return { handle: await start(client, input, taskQueue, 'FAIL'), attached: false };
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    // Should it end in between, this starts it afresh: correct, only the message below says "attached".
    return { handle: await startBackfill(client, input, taskQueue), attached: true };
  }
}
