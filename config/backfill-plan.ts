/**
 * How a backfill cuts its range: pure, so the workflow, the activity that reads the lake and the
 * command line's `--dry-run` all compute the same plan. Ranges here are `SlotRange`s, or the part
 * of one a step needs (a chunk or a run of slots is its `[start, end)`: the feed and slot size are
 * the backfill's). The workflow bundle imports this file, so it takes only types from
 * slot-range.ts (whose schema would bring zod into the bundle).
 */
import type { SlotRange } from './slot-range.js';

type Bounds = Pick<SlotRange, 'start' | 'end'>;
type Slots = Pick<SlotRange, 'start' | 'end' | 'slotMs'>;

/** One chunk of a backfill: the runs of slots to export (one range export each) and how many it skips. */
export interface PlannedChunk extends Bounds {
  runs: Bounds[];
  /** slots the lake already holds (only with `--missing-only`) */
  skipped: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** How many slots a range covers (a backfill's chunks and runs: give them its `slotMs`). */
export function slotCount(range: Slots): number {
  return (Date.parse(range.end) - Date.parse(range.start)) / range.slotMs;
}

/**
 * The chunks of `[start, end)`, on the epoch grid of `chunkMs` (clipped at both ends): a day chunk
 * is a UTC day whatever the range, so overlapping backfills and manual day runs share ids.
 */
export function backfillChunks(range: Bounds, chunkMs: number): Bounds[] {
  const [startMs, endMs] = [Date.parse(range.start), Date.parse(range.end)];
  const chunks: Bounds[] = [];
  for (let at = startMs; at < endMs; ) {
    const next = Math.min(endMs, (Math.floor(at / chunkMs) + 1) * chunkMs);
    chunks.push({ start: iso(at), end: iso(next) });
    at = next;
  }
  return chunks;
}

/** The maximal runs of consecutive slots of `range` that `isHeld` says the lake lacks. */
export function missingRuns(range: Slots, isHeld: (slotStartMs: number) => boolean): Bounds[] {
  const runs: Bounds[] = [];
  let runStart: number | null = null;
  const endMs = Date.parse(range.end);
  for (let slot = Date.parse(range.start); slot <= endMs; slot += range.slotMs) {
    const missing = slot < endMs && !isHeld(slot);
    if (missing && runStart === null) runStart = slot;
    if (!missing && runStart !== null) {
      runs.push({ start: iso(runStart), end: iso(slot) });
      runStart = null;
    }
  }
  return runs;
}

/**
 * The whole plan: chunks, and per chunk the runs to export. Without `isHeld` every chunk is one run;
 * with it (`--missing-only`) only the slots the lake lacks, as few runs as they allow.
 */
export function planBackfill(range: Slots, chunkMs: number, isHeld?: (slotStartMs: number) => boolean): PlannedChunk[] {
  const { slotMs } = range;
  return backfillChunks(range, chunkMs).map((chunk) => {
    if (!isHeld) return { ...chunk, runs: [chunk], skipped: 0 };
    const runs = missingRuns({ ...chunk, slotMs }, isHeld);
    const exported = runs.reduce((n, run) => n + slotCount({ ...run, slotMs }), 0);
    return { ...chunk, runs, skipped: slotCount({ ...chunk, slotMs }) - exported };
  });
}
