import type { SlotRange } from '../config/slot-range.js';

/**
 * Deterministic, readable workflow ids: the same window always has the same id, so a second
 * start while one runs joins it, and the Web UI lists runs by feed and slot.
 */
export function streamWindowWorkflowId(range: SlotRange): string {
  // A range of several slots names its end too: it must never join a one-slot run with the same start.
  const oneSlot = Date.parse(range.end) - Date.parse(range.start) === range.slotMs;
  const { feed, start, end } = range;
  return oneSlot ? `export:${feed}:${isoSeconds(start)}` : `export:${feed}:${isoSeconds(start)}..${isoSeconds(end)}`;
}

export function tableSnapshotWorkflowId(feed: string, at: string): string {
  return `export:${feed}:${isoSeconds(at)}`;
}

/** `2026-11-24T10:00:00.000Z` → `2026-11-24T10:00:00Z` */
function isoSeconds(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** One backfill per (feed, range): starting the same one again attaches to it while it runs. */
export function backfillWorkflowId(feed: string, start: string, end: string): string {
  return `backfill:${feed}:${isoSeconds(start)}..${isoSeconds(end)}`;
}
