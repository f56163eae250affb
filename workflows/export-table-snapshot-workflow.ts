import { proxyActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { lakeExport, tuned, warehouseLoad, type ActivityTuning } from './activity-options.js';
import { SA_FEED, SA_ROWS, SA_SNAPSHOT_AT } from './search-attributes.js';

export interface ExportTableSnapshotWorkflowInput {
  feed: string;
  tuning?: ActivityTuning;
}

export interface ExportTableSnapshotWorkflowResult {
  version: number;
  rows: number;
  quarantined: number;
  quarantineFile: string | null;
  /** rows loaded into the warehouse; null when the feed has no warehouse target */
  warehouseRows: number | null;
}

/** One table snapshot: the lake's next `version=N`, then the same version into MySQL. */
export async function exportTableSnapshotWorkflow(input: ExportTableSnapshotWorkflowInput): Promise<ExportTableSnapshotWorkflowResult> {
  const { exportTableSnapshot } = proxyActivities<Activities>(tuned(lakeExport, input.tuning));
  const { loadWarehouseSnapshot } = proxyActivities<Activities>(tuned(warehouseLoad, input.tuning));
  upsertSearchAttributes([
    { key: SA_FEED, value: input.feed },
    { key: SA_SNAPSHOT_AT, value: new Date(workflowInfo().startTime) },
  ]);
  const snapshot = await exportTableSnapshot({ feed: input.feed, runId: workflowInfo().runId });
  upsertSearchAttributes([{ key: SA_ROWS, value: snapshot.rows }]);
  const loaded = snapshot.loadsWarehouse
    ? await loadWarehouseSnapshot({ feed: input.feed, version: snapshot.version })
    : null;
  return {
    version: snapshot.version,
    rows: snapshot.rows,
    quarantined: snapshot.quarantined,
    quarantineFile: snapshot.quarantineFile,
    warehouseRows: loaded?.rows ?? null,
  };
}
