import type { Client } from '@temporalio/client';
import type { TemporalSettings } from '../../config/env.js';
import type { Feed } from '../../config/feed-schema.js';
import { exportRequestFor } from './export-request.js';
import { rootCause } from '../common/root-cause.js';
import { exportOutcome, exportUrl } from './run-export.js';
import type { Window } from './window-range.js';
import { startExport, type ExportRequest } from './start-export.js';

export interface RunAllOptions extends Window {
  kind?: 'stream' | 'table';
  /** runs in flight at once */
  concurrency: number;
  /** RUN_MAX_RANGE */
  maxRange: string;
  now?: Date;
  /** default: TEMPORAL_TASK_QUEUE (tests give each suite its own) */
  taskQueue?: string;
  /** one line when a feed's run starts or ends */
  note?: (line: string) => void;
}

/** One row of `run --all`'s summary. */
export interface RunAllRow {
  feed: string;
  /** `[start, end)` of a stream, `version N` of a table; the requested range if it failed */
  what: string;
  rows: number | null;
  quarantined: number | null;
  files: number | null;
  /** a table's version, and the rows its warehouse load landed (null: a stream, lake only, or failed) */
  version: number | null;
  warehouseRows: number | null;
  seconds: number;
  outcome: 'ok' | 'failed';
  /** the root cause of a failure */
  error: string | null;
  url: string | null;
}

/**
 * Runs every feed (or every feed of `kind`) through Temporal, `concurrency` at a time, with the
 * single runs' workflow ids (a range already running is joined, never run twice). Every request
 * is checked before the first start; a failed feed never stops the others.
 */
export async function runAll(client: Client, env: TemporalSettings, feeds: readonly Feed[], opts: RunAllOptions): Promise<RunAllRow[]> {
  const now = opts.now ?? new Date();
  const chosen = feeds.filter((f) => !opts.kind || f.kind === opts.kind);
  // A table takes no window: --from/--to are for the streams among them.
  const requests = chosen.map((feed) => ({ feed, request: exportRequestFor(feed, feed.kind === 'stream' ? opts : {}, now, opts.maxRange) }));
  const rows: RunAllRow[] = new Array(requests.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < requests.length; i = next++) rows[i] = await runOne(client, env, requests[i]!, opts);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency, requests.length)) }, lane));
  return rows;
}

async function runOne(client: Client, env: TemporalSettings, { feed, request }: { feed: Feed; request: ExportRequest }, opts: RunAllOptions): Promise<RunAllRow> {
  const began = Date.now();
  const requested = request.range ? `[${request.range.start}, ${request.range.end})` : 'snapshot';
  let url: string | null = null;
  try {
    const started = await startExport(client, feed, { ...request, taskQueue: opts.taskQueue ?? env.TEMPORAL_TASK_QUEUE });
    url = exportUrl(started, env);
    opts.note?.(`started ${started.handle.workflowId}`);
    const o = await exportOutcome(started, env, began);
    opts.note?.(`done    ${started.handle.workflowId}: ${o.rows} rows`);
    return {
      feed: feed.id, what: o.range ? `[${o.range.start}, ${o.range.end})` : `version ${o.version}`,
      rows: o.rows, quarantined: o.quarantined, files: o.files.length, version: o.version, warehouseRows: o.warehouseRows,
      seconds: o.seconds, outcome: 'ok', error: null, url,
    };
  } catch (err) {
    const error = rootCause(err);
    opts.note?.(`failed  ${feed.id}: ${error}`);
    return { feed: feed.id, what: requested, rows: null, quarantined: null, files: null, version: null, warehouseRows: null, seconds: (Date.now() - began) / 1000, outcome: 'failed', error, url };
  }
}

/** The summary table's rows, as `formatTable` prints them. */
export function summaryTable(rows: readonly RunAllRow[]): Record<string, string>[] {
  return rows.map((r) => ({
    feed: r.feed,
    'window or version': r.what,
    rows: r.rows === null ? '-' : String(r.rows),
    quarantined: r.quarantined === null ? '-' : String(r.quarantined),
    files: r.files === null ? '-' : String(r.files),
    duration: `${r.seconds.toFixed(1)} s`,
    outcome: r.outcome === 'ok' ? 'ok' : `failed: ${r.error}`,
    'Web UI': r.url ?? '-',
  }));
}
