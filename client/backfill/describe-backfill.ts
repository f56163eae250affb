import { slotCount, type PlannedChunk } from '../../config/backfill-plan.js';
import type { BackfillProgress } from '../../workflows/backfill-progress.js';

/** The end-of-backfill summary: what was exported, skipped and failed, and what it cost the source. */
export function describeTotals(p: BackfillProgress): string[] {
  return [
    `slots: ${p.slotsDone} exported (${p.slotsEmpty} empty), ${p.slotsSkipped} skipped, ${p.slotsFailed} failed, of ${p.slotsTotal}`,
    `rows: ${p.rows}; source requests: ${p.sourceRequests}${p.attachedElsewhere ? `; ${p.attachedElsewhere} range(s) waited for a manual run` : ''}`,
    ...p.failedChunks.map((f) => `  failed ${f.workflowId}: ${f.error}`),
  ];
}

/** `--dry-run`: per chunk, the range exports it would start and the slots it would skip. */
export function describePlan(plan: readonly PlannedChunk[], slotMs: number): string[] {
  const runs = plan.flatMap((c) => c.runs);
  const slots = runs.reduce((n, run) => n + slotCount({ ...run, slotMs }), 0);
  const skipped = plan.reduce((n, c) => n + c.skipped, 0);
  return [
    ...plan.flatMap((chunk) => [
      `chunk [${chunk.start}, ${chunk.end}): ${chunk.runs.length} export(s)${chunk.skipped ? `, ${chunk.skipped} slot(s) already in the lake skipped` : ''}`,
      ...chunk.runs.map((run) => `  export [${run.start}, ${run.end}): ${slotCount({ ...run, slotMs })} slot(s)`),
    ]),
    `dry run: would export ${slots} slot(s) in ${runs.length} source request(s), skip ${skipped}; nothing started`,
  ];
}
