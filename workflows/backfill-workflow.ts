import { ApplicationFailure, continueAsNew, isCancellation, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { FailureType } from '../config/failure-types.js';
import { lakeRead, tuned, type ActivityTuning } from './activity-options.js';
import { backfillChunks, planBackfill, slotCount } from '../config/backfill-plan.js';
import type { SlotRange } from '../config/slot-range.js';
import { backfillProgressQuery, initialProgress, MAX_FAILURES_KEPT, type BackfillProgress } from './backfill-progress.js';
import { exportSlotRun, innermostMessage, slotRunChild } from './export-slot-run.js';

/** Each child costs a handful of history events: 50 chunks per run stays far below the server's suggestion. */
const DEFAULT_CHUNKS_PER_RUN = 50;
const DEFAULT_ATTACHED_RETRY_MS = 30_000;

/** The range to backfill (`slotMs`: the feed's slot), and how. */
export interface BackfillInput extends SlotRange {
  /** the chunk, a whole number of slots, in ms */
  chunkMs: number;
  /** range exports running at once */
  concurrency: number;
  /** export only the slots the lake's metadata does not hold */
  missingOnly: boolean;
  /** chunks one run handles before it continues as new, so history stays bounded */
  chunksPerRun?: number;
  /** first wait before starting again a range that a manual run holds */
  attachedRetryMs?: number;
  /** shorter timeouts for this backfill and its exports (fault tests) */
  tuning?: ActivityTuning;
  /** set by continue-as-new: where the remaining work begins, and the counts so far */
  resumeAt?: string;
  progress?: BackfillProgress;
}

/**
 * A stream feed's range, exported chunk by chunk as child range exports, at most `concurrency` at
 * a time; the `backfillProgress` query says where it stands, and the result is the final count.
 */
export async function backfillWorkflow(input: BackfillInput): Promise<BackfillProgress> {
  const { feed, slotMs, chunkMs, concurrency } = input;
  if (!(concurrency >= 1) || chunkMs % slotMs !== 0) {
    throw ApplicationFailure.nonRetryable(`concurrency ${concurrency} must be ≥ 1 and chunk ${chunkMs} ms a multiple of the slot ${slotMs} ms`, FailureType.BadWorkflowInput);
  }
  const progress = input.progress ?? initialProgress(slotCount(input), workflowInfo().startTime.toISOString());
  setHandler(backfillProgressQuery, () => progress);

  const chunks = backfillChunks({ start: input.resumeAt ?? input.start, end: input.end }, chunkMs).slice(0, input.chunksPerRun ?? DEFAULT_CHUNKS_PER_RUN);
  if (chunks.length === 0) return progress;
  const segment = { start: chunks[0]!.start, end: chunks.at(-1)!.end };
  const { planMissingSlots } = proxyActivities<Activities>(tuned(lakeRead, input.tuning));
  const plan = input.missingOnly
    ? await planMissingSlots({ feed, ...segment, chunkMs, slotMs })
    : planBackfill({ ...segment, slotMs }, chunkMs);

  const running = new Set<Promise<void>>();
  const exportRun = async (run: Pick<SlotRange, 'start' | 'end'>): Promise<void> => {
    const slots = slotCount({ ...run, slotMs });
    try {
      const result = await exportSlotRun(feed, run, slotMs, input.attachedRetryMs ?? DEFAULT_ATTACHED_RETRY_MS, {
        onStarted: () => void progress.sourceRequests++,
        onAttachedElsewhere: () => void progress.attachedElsewhere++,
      }, input.tuning);
      progress.slotsDone += slots;
      progress.slotsEmpty += result.slotRows.filter((rows) => rows === 0).length;
      progress.rows += result.rows;
    } catch (err) {
      if (isCancellation(err)) throw err;
      progress.slotsFailed += slots;
      if (progress.failedChunks.length < MAX_FAILURES_KEPT) {
        progress.failedChunks.push({ workflowId: slotRunChild(feed, run, slotMs).workflowId, error: innermostMessage(err) });
      }
    }
  };

  let resumeAt = segment.end;
  for (const chunk of plan) {
    if (workflowInfo().continueAsNewSuggested) {
      resumeAt = chunk.start;
      break;
    }
    progress.slotsSkipped += chunk.skipped;
    for (const run of chunk.runs) {
      while (running.size >= concurrency) await Promise.race(running);
      const exported: Promise<void> = exportRun(run).finally(() => {
        running.delete(exported);
        progress.chunksRunning = running.size;
      });
      running.add(exported);
      progress.chunksRunning = running.size;
    }
  }
  // Children must close first: continuing as new would otherwise cancel them (parent close policy).
  await Promise.all(running);
  if (Date.parse(resumeAt) < Date.parse(input.end)) {
    return continueAsNew<typeof backfillWorkflow>({ ...input, resumeAt, progress });
  }
  return progress;
}
