import type { ExportStreamSlotsResult, ExportTableSnapshotResult, LoadWarehouseSnapshotResult } from '../../activities/index.js';
import type { ExportStreamWindowInput } from '../../workflows/export-stream-window-workflow.js';
import type { ExportTableSnapshotWorkflowInput } from '../../workflows/export-table-snapshot-workflow.js';

/**
 * Workflow inputs and stub activity results for the workflow and replay tests. The only place that
 * knows their shapes: a new input field needs a value here, nowhere else.
 */
export function streamInput(overrides: Partial<ExportStreamWindowInput> = {}): ExportStreamWindowInput {
  return { feed: 'transaction_stream', start: '2026-11-24T10:00:00.000Z', end: '2026-11-24T13:00:00.000Z', ...overrides };
}

export function tableInput(overrides: Partial<ExportTableSnapshotWorkflowInput> = {}): ExportTableSnapshotWorkflowInput {
  return { feed: 'user_transaction_summary', ...overrides };
}

/** Three slots of `streamInput()`, 7 rows in all. */
export const STREAM_SLOTS: ExportStreamSlotsResult = { slotRows: [3, 0, 4], quarantined: 1, quarantineFile: '_quarantine/transaction_stream/x.ndjson' };

export function tableSnapshot(loadsWarehouse: boolean): ExportTableSnapshotResult {
  return { version: 4, rows: 12, quarantined: 0, path: 'version=4', quarantineFile: null, loadsWarehouse };
}

export const WAREHOUSE_LOADED: LoadWarehouseSnapshotResult = { rows: 12, alreadyLoaded: false };
