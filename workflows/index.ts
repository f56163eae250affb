// The worker's workflowsPath points here: every workflow type is exported from this file.
export { exportStreamWindowWorkflow } from './export-stream-window-workflow.js';
export { exportTableSnapshotWorkflow } from './export-table-snapshot-workflow.js';
export { backfillWorkflow } from './backfill-workflow.js';
export { scheduledExportWorkflow } from './scheduled-export-workflow.js';
export { retentionWorkflow } from './retention-workflow.js';
