import type { SlotRange } from '../config/slot-range.js';
import type { ActivityTuning } from './activity-options.js';
import type { ExportStreamWindowInput } from './export-stream-window-workflow.js';
import type { ExportTableSnapshotWorkflowInput } from './export-table-snapshot-workflow.js';

/**
 * The export workflows' arguments, built in one place for every caller (a manual run, a scheduled
 * run, a backfill chunk), so a change of their input shape is made here once.
 */
export function exportStreamWindowArgs(range: SlotRange, tuning?: ActivityTuning): [ExportStreamWindowInput] {
  return [{ feed: range.feed, start: range.start, end: range.end, slotMs: range.slotMs, ...(tuning && { tuning }) }];
}

export function exportTableSnapshotArgs(feed: string, tuning?: ActivityTuning): [ExportTableSnapshotWorkflowInput] {
  return [{ feed, ...(tuning && { tuning }) }];
}
