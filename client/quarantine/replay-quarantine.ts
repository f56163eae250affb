import type { Client } from '@temporalio/client';
import type { TemporalSettings } from '../../config/env.js';
import type { StreamFeed } from '../../config/feed-schema.js';
import { slotRange } from '../../config/slot-range.js';
import type { Lake } from '../../lake/index.js';
import { runExport } from '../run/run-export.js';

export interface ReplayRow {
  window: { start: string; end: string };
  /** rows the window's quarantine held before the replay */
  revalidated: number;
  /** of those, how many the feed's current schema accepts (checked on the stored rows) */
  wouldPass: number;
  /** after the re-export (null with --dry-run): rows the window set aside no more, and rows still set aside */
  nowValid: number | null;
  stillBad: number | null;
  /** the re-export's workflow id: the same one `run --from … --to …` gets (null with --dry-run) */
  workflowId: string | null;
}

export interface ReplayOptions {
  /** only the quarantine window holding this instant */
  window?: string;
  dryRun: boolean;
}

/**
 * Replays a stream feed's quarantine: each window that set rows aside is re-validated against the
 * feed's current schema (a report), then exported again from ksqlDB, the source of truth, through
 * the same workflow and id as `ksql-etl run` of that range. The re-export replaces the window's
 * slot files and its quarantine object, so rows that pass now land exactly once and a second
 * replay finds nothing left to do. Windows go one at a time, oldest first.
 */
export async function replayQuarantine(lake: Lake, temporal: { client: Client; env: TemporalSettings } | null, feed: StreamFeed, opts: ReplayOptions): Promise<ReplayRow[]> {
  const at = opts.window === undefined ? null : Date.parse(opts.window);
  const windows = (await lake.quarantine(feed.id))
    .flatMap((g) => (g.window ? [g.window] : []))
    .filter((w) => at === null || (Date.parse(w.start) <= at && at < Date.parse(w.end)));
  const rows: ReplayRow[] = [];
  for (const window of windows) {
    const check = await lake.revalidateQuarantine(feed.id, window);
    const row: ReplayRow = { window, revalidated: check.rows, wouldPass: check.valid, nowValid: null, stillBad: null, workflowId: null };
    if (!opts.dryRun && temporal) {
      const outcome = await runExport(temporal.client, temporal.env, feed, { range: slotRange(feed, window.start, window.end) });
      row.stillBad = outcome.quarantined;
      row.nowValid = Math.max(0, check.rows - outcome.quarantined);
      row.workflowId = outcome.workflowId;
    }
    rows.push(row);
  }
  return rows;
}

/** One line per window, e.g. `[10:00, 11:00)  3 re-validated, 3 pass now → 3 landed, 0 still bad`. */
export function describeReplay(feedId: string, rows: readonly ReplayRow[], dryRun: boolean): string[] {
  if (rows.length === 0) return [`${feedId}: nothing quarantined${dryRun ? '' : ', nothing to replay'}`];
  return rows.map((r) => {
    const head = `${feedId} [${r.window.start}, ${r.window.end}): ${r.revalidated} re-validated, ${r.wouldPass} pass the current schema`;
    return r.nowValid === null ? `${head} (dry run: nothing exported)` : `${head}; re-exported: ${r.nowValid} now valid, ${r.stillBad} still bad (${r.workflowId})`;
  });
}
