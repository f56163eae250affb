import { planBackfill, type PlannedChunk } from '../config/backfill-plan.js';
import type { SlotRange } from '../config/slot-range.js';
import type { ActivityDeps } from './deps.js';

/** The backfill's range (`slotMs` the feed's slot) and its chunk size. */
export interface PlanMissingSlotsInput extends SlotRange {
  chunkMs: number;
}

/**
 * Per chunk of `[start, end)`, the runs of slots the lake does not hold yet, read from the feed's
 * metadata. Runs, not slot lists: the answer lands in workflow history.
 */
export async function planMissingSlots(deps: ActivityDeps, input: PlanMissingSlotsInput): Promise<PlannedChunk[]> {
  const held = await deps.lake.heldSlots(input.feed);
  return planBackfill(input, input.chunkMs, (slot) => held.has(slot));
}

