import type { Feed } from '../../config/feed-schema.js';
import type { FeedMetadata, StreamMetadata, TableMetadata } from '../metadata/feed-metadata.js';
import type { RunRecord } from '../metadata/run-log.js';
import { lakeStatusSchema, type FeedStatus, type LakeStatus } from './status-model.js';
import { streamFeedStatus } from './stream-feed-status.js';
import { tableFeedStatus } from './table-feed-status.js';

/** What the caller read for one feed: metadata and run log from the lake, versions from the warehouse. */
export interface FeedFacts {
  feed: Feed;
  metadata: FeedMetadata | null;
  runs: readonly RunRecord[];
  /** table feeds with a warehouse target: what the warehouse holds; otherwise null */
  warehouse: { versions: readonly number[]; current: number | null } | null;
}

export interface LakeStatusInput {
  nowMs: number;
  fromMs: number;
  toMs: number;
  feeds: readonly FeedFacts[];
}

/**
 * The status of every feed asked for, and the problems that make it unhealthy (and the command's
 * exit code 1): a missing or failed slot, a stale feed, a table whose latest export failed.
 */
export function lakeStatus(input: LakeStatusInput): LakeStatus {
  const feeds: FeedStatus[] = input.feeds.map(({ feed, metadata, runs, warehouse }) => (feed.kind === 'stream'
    ? streamFeedStatus({ feed, metadata: metadata as StreamMetadata | null, runs, fromMs: input.fromMs, toMs: input.toMs, nowMs: input.nowMs })
    : tableFeedStatus({ feed, metadata: metadata as TableMetadata | null, runs, warehouse, nowMs: input.nowMs })));
  const problems = feeds.flatMap(problemsOf);
  return lakeStatusSchema.parse({
    generatedAt: new Date(input.nowMs).toISOString(),
    range: { from: new Date(input.fromMs).toISOString(), to: new Date(input.toMs).toISOString() },
    feeds,
    problems,
    healthy: problems.length === 0,
  });
}

function problemsOf(status: FeedStatus): string[] {
  const problems: string[] = [];
  if (status.kind === 'stream') {
    for (const state of ['missing', 'failed'] as const) {
      const slots = status.slots.filter((s) => s.state === state);
      if (slots.length > 0) problems.push(`${status.feed}: ${slots.length} ${state} slot(s), first ${slots[0]!.start}${state === 'failed' ? ` (${slots[0]!.failure?.type}: ${slots[0]!.failure?.message})` : ''}`);
    }
  } else if (status.lastRunFailed) {
    const run = status.latestRuns.at(-1)!;
    problems.push(`${status.feed}: the latest snapshot export failed at ${run.finishedAt} (${run.error?.type}: ${run.error?.message})`);
  }
  const { freshness } = status;
  if (freshness.stale) {
    const what = status.kind === 'stream' ? 'newest slot ended' : 'newest version was published';
    problems.push(freshness.newest === null
      ? `${status.feed}: stale, nothing exported yet`
      : `${status.feed}: stale, ${what} ${formatDuration(freshness.lagMs!)} ago (max lag ${formatDuration(freshness.maxLagMs!)})`);
  }
  return problems;
}

/** `8100000` → `2h 15m`: for people, in problems and the text report. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const [d, h, m] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60];
  return [d ? `${d}d` : '', h ? `${h}h` : '', m || (!d && !h) ? `${m}m` : ''].filter(Boolean).join(' ');
}
