import type { Client, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { backfillWorkflow, BackfillInput } from '../../workflows/backfill-workflow.js';
import { SA_FEED } from '../../workflows/search-attributes.js';
import { backfillWorkflowId } from '../../workflows/workflow-ids.js';

export type BackfillHandle = WorkflowHandleWithFirstExecutionRunId<typeof backfillWorkflow>;

/**
 * Starts the backfill of one (feed, range), or attaches to it if it is already running: the id
 * is deterministic, so running the same command again (after Ctrl-C, say) finds it.
 */
export function startBackfill(client: Client, input: BackfillInput, taskQueue: string): Promise<BackfillHandle> {
  return client.workflow.start<typeof backfillWorkflow>('backfillWorkflow', {
    taskQueue,
    workflowId: backfillWorkflowId(input.feed, input.start, input.end),
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
    typedSearchAttributes: [{ key: SA_FEED, value: input.feed }],
  });
}
