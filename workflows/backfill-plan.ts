/**
 * How a backfill cuts its range: pure, so the workflow, the activity that reads the lake and the
 * command line's `--dry-run` all compute the same plan. The workflow bundle imports this file.
 */

/** `[start, end)` as ISO instants on slot boundaries */
export interface SlotSpan {
  start: string;
  end: string;
}

/** One chunk of a backfill: the runs of slots to export (one range export each) and how many it skips. */
export interface PlannedChunk extends SlotSpan {
  runs: SlotSpan[];
  /** slots the lake already holds (only with `--missing-only`) */
  skipped: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function slotCount(span: SlotSpan, slotMs: number): number {
  return (Date.parse(span.end) - Date.parse(span.start)) / slotMs;
}

/**
 * The chunks of `[start, end)`, on the epoch grid of `chunkMs` (clipped at both ends): a day chunk
 * is a UTC day whatever the range, so overlapping backfills and manual day runs share ids.
 */
export function backfillChunks(range: SlotSpan, chunkMs: number): SlotSpan[] {
  const [startMs, endMs] = [Date.parse(range.start), Date.parse(range.end)];
  const chunks: SlotSpan[] = [];
  for (let at = startMs; at < endMs; ) {
    const next = Math.min(endMs, (Math.floor(at / chunkMs) + 1) * chunkMs);
    chunks.push({ start: iso(at), end: iso(next) });
    at = next;
  }
  return chunks;
}

/** The maximal runs of consecutive slots of `span` that `isHeld` says the lake lacks. */
export function missingRuns(span: SlotSpan, slotMs: number, isHeld: (slotStartMs: number) => boolean): SlotSpan[] {
  const runs: SlotSpan[] = [];
  let runStart: number | null = null;
  const endMs = Date.parse(span.end);
  for (let slot = Date.parse(span.start); slot <= endMs; slot += slotMs) {
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
export function planBackfill(range: SlotSpan, chunkMs: number, slotMs: number, isHeld?: (slotStartMs: number) => boolean): PlannedChunk[] {
  return backfillChunks(range, chunkMs).map((chunk) => {
    if (!isHeld) return { ...chunk, runs: [chunk], skipped: 0 };
    const runs = missingRuns(chunk, slotMs, isHeld);
    const exported = runs.reduce((n, run) => n + slotCount(run, slotMs), 0);
    return { ...chunk, runs, skipped: slotCount(chunk, slotMs) - exported };
  });
}
