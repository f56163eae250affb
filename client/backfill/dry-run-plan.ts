import type { LakeSettings } from '../../config/env.js';
import { Lake } from '../../lake/index.js';
import { planBackfill, type PlannedChunk } from '../../config/backfill-plan.js';
import type { BackfillInput } from '../../workflows/backfill-workflow.js';

/**
 * The plan the workflow would follow, computed here with the same function and, for
 * `--missing-only`, the same read of the lake's metadata; starts nothing.
 */
export async function dryRunPlan(env: LakeSettings, input: BackfillInput): Promise<PlannedChunk[]> {
  if (!input.missingOnly) return planBackfill(input, input.chunkMs);
  const lake = await Lake.fromEnv(env);
  try {
    const held = await lake.heldSlots(input.feed);
    return planBackfill(input, input.chunkMs, (slot) => held.has(slot));
  } finally {
    lake.close();
  }
}
