import { log } from '@temporalio/activity';
import { getFeed } from '../config/load-feeds.js';
import { describeRetention } from '../lake/index.js';
import type { ActivityDeps } from './deps.js';
import { retainFeeds } from './retain-feeds.js';
import { classified } from './to-activity-failure.js';

export interface ApplyRetentionInput {
  /** the feeds to prune; all of the registry when absent */
  feeds?: string[];
  dryRun?: boolean;
}

/** Counts per feed, not lists: the result lands in workflow history; the details go to the log. */
export interface ApplyRetentionResult {
  feeds: Array<{ feed: string; deleted: number; kept: number }>;
}

/** Lake retention for the registry's feeds, by the worker's wall clock; every decision is logged. */
export function applyRetention(deps: ActivityDeps, input: ApplyRetentionInput): Promise<ApplyRetentionResult> {
  return classified(async () => {
    const feeds = input.feeds ? input.feeds.map((id) => getFeed(deps.feeds, id)) : [...deps.feeds.values()];
    const results = await retainFeeds(deps.lake, deps.warehouse, feeds, { nowMs: Date.now(), dryRun: input.dryRun ?? false });
    for (const result of results) log.info(describeRetention(result).join('\n'), { feed: result.feed });
    return {
      feeds: results.map((r) => ({
        feed: r.feed,
        deleted: r.kind === 'none' ? 0 : r.deleted.length,
        kept: r.kind === 'stream' ? r.keptPartitions : r.kind === 'table' ? r.kept.length : 0,
      })),
    };
  });
}
