import { defineQuery } from '@temporalio/workflow';

/** A chunk export that failed: its child workflow id and what went wrong. */
export interface FailedExport {
  workflowId: string;
  error: string;
}

/**
 * Where a backfill stands. Carried across continue-as-new, so it counts the whole backfill, and
 * also its result. Slots: `done` were exported (with rows or `empty`), `skipped` were already in
 * the lake (`--missing-only`), `failed` belong to a chunk export that failed.
 */
export interface BackfillProgress {
  slotsTotal: number;
  slotsDone: number;
  slotsEmpty: number;
  slotsSkipped: number;
  slotsFailed: number;
  rows: number;
  /** range exports started by this backfill: one ksqlDB scan each */
  sourceRequests: number;
  /** range exports running now */
  chunksRunning: number;
  /** exports that waited for a manual run of the same range to close first */
  attachedElsewhere: number;
  /** the first failures (at most MAX_FAILURES_KEPT: the count is in `slotsFailed`) */
  failedChunks: FailedExport[];
  startedAt: string;
}

/** Bounds what a failing backfill carries through continue-as-new and query answers. */
export const MAX_FAILURES_KEPT = 50;

export const backfillProgressQuery = defineQuery<BackfillProgress>('backfillProgress');

export function initialProgress(slotsTotal: number, startedAt: string): BackfillProgress {
  return {
    slotsTotal, slotsDone: 0, slotsEmpty: 0, slotsSkipped: 0, slotsFailed: 0, rows: 0,
    sourceRequests: 0, chunksRunning: 0, attachedElsewhere: 0, failedChunks: [], startedAt,
  };
}

/** Slots settled so far, whatever their outcome: what a progress bar shows against `slotsTotal`. */
export function slotsSettled(p: BackfillProgress): number {
  return p.slotsDone + p.slotsSkipped + p.slotsFailed;
}
