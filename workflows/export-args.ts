import type { ExportStreamWindowInput } from './export-stream-window-workflow.js';
import type { ExportTableSnapshotWorkflowInput } from './export-table-snapshot-workflow.js';

/**
 * The export workflows' arguments, built in one place for every caller (a manual run, a scheduled
 * run), so a change of their input shape is made here once. `slotMs` is taken so callers already
 * say what a window's slots are.
 */
export function exportStreamWindowArgs(window: { feed: string; start: string; end: string; slotMs: number }): [ExportStreamWindowInput] {
  return [{ feed: window.feed, start: window.start, end: window.end }];
}

export function exportTableSnapshotArgs(feed: string): [ExportTableSnapshotWorkflowInput] {
  return [{ feed }];
}
