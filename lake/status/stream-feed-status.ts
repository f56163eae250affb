import { durationMs } from '../../config/duration-ms.js';
import { maxLagMs } from '../../config/max-lag.js';
import type { StreamFeed } from '../../config/feed-schema.js';
import type { SlotEntry, StreamMetadata } from '../metadata/feed-metadata.js';
import type { RunRecord } from '../metadata/run-log.js';
import { slotStateSchema, type SlotState, type SlotStatus, type StreamFeedStatus } from './status-model.js';

export interface StreamStatusInput {
  feed: StreamFeed;
  metadata: StreamMetadata | null;
  /** run records of the feed: the latest, and every failure since the range's start */
  runs: readonly RunRecord[];
  fromMs: number;
  toMs: number;
  nowMs: number;
}

/**
 * The slot grid of one stream feed over `[from, to)` (widened to slot boundaries) and its
 * freshness. Pure: metadata entries say what the lake holds, run records say what failed.
 */
export function streamFeedStatus(input: StreamStatusInput): StreamFeedStatus {
  const { feed, metadata, nowMs } = input;
  const slotMs = durationMs(feed.slot);
  const maxLag = maxLagMs(feed)!;
  const from = Math.floor(input.fromMs / slotMs) * slotMs;
  const to = Math.ceil(input.toMs / slotMs) * slotMs;
  const failures = input.runs.filter((r) => r.outcome === 'failed' && r.window);
  const successes = input.runs.filter((r) => r.outcome === 'succeeded' && r.window);
  const newestEnd = metadata ? Math.max(-Infinity, ...Object.values(metadata.slots).map((s) => Date.parse(s.end))) : -Infinity;
  // Not due yet: past the newest slot exported and within the max lag. A gap before it is missing.
  const notDue = (start: number) => start + slotMs > newestEnd && start + slotMs + maxLag > nowMs;
  const slots: SlotStatus[] = [];
  for (let start = from; start < to; start += slotMs) {
    const entry = metadata?.slots[new Date(start).toISOString()];
    const failure = latestCovering(failures, start);
    const success = latestCovering(successes, start);
    const failedLast = failure !== undefined && failure.finishedAt > (entry?.exportedAt ?? '') && failure.finishedAt > (success?.finishedAt ?? '');
    const state = failedLast ? 'failed' : entry ? entryState(entry) : notDue(start) ? 'pending' : 'missing';
    slots.push({
      start: new Date(start).toISOString(),
      end: new Date(start + slotMs).toISOString(),
      state,
      rows: entry?.rows ?? null,
      previousRows: entry?.previousRows ?? null,
      quarantined: entry?.quarantined ?? null,
      bytes: entry?.bytes ?? null,
      durationMs: entry?.durationMs ?? null,
      exportedAt: entry?.exportedAt ?? null,
      runId: entry?.runId ?? null,
      failure: failedLast ? { type: failure.error?.type ?? 'unknown', message: failure.error?.message ?? '', at: failure.finishedAt, workflowId: failure.workflowId } : null,
    });
  }
  const counts = Object.fromEntries(slotStateSchema.options.map((s) => [s, slots.filter((slot) => slot.state === s).length])) as Record<SlotState, number>;
  const newest = Number.isFinite(newestEnd) ? newestEnd : null;
  return {
    feed: feed.id,
    kind: 'stream',
    source: feed.source,
    slotMs,
    schemaId: metadata?.schemaId ?? null,
    range: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
    slots,
    counts,
    freshness: {
      newest: newest === null ? null : new Date(newest).toISOString(),
      lagMs: newest === null ? null : nowMs - newest,
      maxLagMs: maxLag,
      stale: newest === null || nowMs - newest > maxLag,
    },
    latestRuns: [...input.runs],
  };
}

function entryState(entry: SlotEntry): SlotState {
  if (entry.rows === 0) return 'empty';
  return entry.previousRows !== undefined && entry.rows > entry.previousRows ? 'late' : 'done';
}

/** The run of `runs` that finished last among those whose window holds the slot starting at `slotMs`. */
function latestCovering(runs: readonly RunRecord[], slotMs: number): RunRecord | undefined {
  let latest: RunRecord | undefined;
  for (const run of runs) {
    if (Date.parse(run.window!.start) <= slotMs && slotMs < Date.parse(run.window!.end) && (!latest || run.finishedAt > latest.finishedAt)) latest = run;
  }
  return latest;
}
