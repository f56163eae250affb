import { ApplicationFailure, proxyActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities, ExportStreamSlotsResult } from '../activities/index.js';
import { FailureType } from '../config/failure-types.js';
import type { SavedSlotRange } from '../config/slot-range.js';
import { lakeExport, tuned, type ActivityTuning } from './activity-options.js';
import { SA_FEED, SA_ROWS, SA_SLOT_START } from './search-attributes.js';

/** The activity's counts, plus their total (also the run's `EtlRows` search attribute). */
export type ExportStreamWindowResult = ExportStreamSlotsResult & { rows: number };

/**
 * The slot range to export (`[start, end)` may cover several slots). Runs started before ranges
 * carried their slot size have no `slotMs` in their saved input; the activity then takes the feed's.
 */
export type ExportStreamWindowInput = SavedSlotRange & { tuning?: ActivityTuning };

/** One stream window: its slots pulled from ksqlDB into the lake, one file per slot. */
export async function exportStreamWindowWorkflow(input: ExportStreamWindowInput): Promise<ExportStreamWindowResult> {
  const start = new Date(input.start);
  if (Number.isNaN(start.getTime())) {
    throw ApplicationFailure.nonRetryable(`start "${input.start}" is not an ISO instant`, FailureType.BadWorkflowInput);
  }
  upsertSearchAttributes([
    { key: SA_FEED, value: input.feed },
    { key: SA_SLOT_START, value: start },
  ]);
  const { tuning, ...range } = input;
  const { exportStreamSlots } = proxyActivities<Activities>(tuned(lakeExport, tuning));
  const result = await exportStreamSlots({ ...range, runId: workflowInfo().runId });
  const rows = result.slotRows.reduce((sum, n) => sum + n, 0);
  upsertSearchAttributes([{ key: SA_ROWS, value: rows }]);
  return { ...result, rows };
}
