import { applyRetention, type ApplyRetentionInput } from './apply-retention.js';
import type { ActivityDeps } from './deps.js';
import { exportStreamSlots, type ExportStreamSlotsInput } from './export-stream-slots.js';
import { exportTableSnapshot, type ExportTableSnapshotInput } from './export-table-snapshot.js';
import { loadWarehouseSnapshot, type LoadWarehouseSnapshotInput } from './load-warehouse-snapshot.js';
import { planMissingSlots, type PlanMissingSlotsInput } from './plan-missing-slots.js';

/** The activities a worker registers, closed over the process's clients. */
export function createActivities(deps: ActivityDeps) {
  return {
    exportStreamSlots: (input: ExportStreamSlotsInput) => exportStreamSlots(deps, input),
    exportTableSnapshot: (input: ExportTableSnapshotInput) => exportTableSnapshot(deps, input),
    loadWarehouseSnapshot: (input: LoadWarehouseSnapshotInput) => loadWarehouseSnapshot(deps, input),
    planMissingSlots: (input: PlanMissingSlotsInput) => planMissingSlots(deps, input),
    applyRetention: (input: ApplyRetentionInput) => applyRetention(deps, input),
  };
}

export type Activities = ReturnType<typeof createActivities>;
export type { ActivityDeps } from './deps.js';
export type { ExportStreamSlotsInput, ExportStreamSlotsResult } from './export-stream-slots.js';
export type { ExportTableSnapshotInput, ExportTableSnapshotResult } from './export-table-snapshot.js';
export type { LoadWarehouseSnapshotInput, LoadWarehouseSnapshotResult } from './load-warehouse-snapshot.js';
export type { PlanMissingSlotsInput } from './plan-missing-slots.js';
export type { ApplyRetentionInput, ApplyRetentionResult } from './apply-retention.js';
