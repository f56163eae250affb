import type { Client } from '@temporalio/client';
import { temporalUiUrl } from '../../config/env.js';
import { getFeed, loadFeeds } from '../../config/load-feeds.js';
import type { Feed, StreamFeed } from '../../config/feed-schema.js';
import { durationMs } from '../../config/duration-ms.js';
import type { Env } from '../../config/env.js';
import { Lake } from '../../lake/index.js';
import { applyWarehouseSchema } from '../../warehouse/apply-schema.js';
import { connectWarehouse } from '../../wiring/connect-warehouse.js';
import { runAll, summaryTable, type RunAllRow } from '../run/run-all.js';
import { applySchedules } from '../schedules/apply-schedules.js';
import { SCHEDULE_ID_PREFIX } from '../schedules/feed-schedule-options.js';
import { describeScheduleRows, listSchedules } from '../schedules/list-schedules.js';
import { currencySummary } from './lake-summary.js';
import { formatTable } from '../common/format-table.js';

const DAY_MS = 86_400_000;
/** As `run --all` by default: a worker runs 4 activities at once anyway. */
const DEMO_CONCURRENCY = 4;

export interface DemoOptions {
  /** the UTC day whose slots are exported for every stream feed */
  day: string;
  sqlDir: string;
  /** the workers' task queue (tests run their own) */
  taskQueue?: string;
  /** where the schedules go (`feed:` in real use; tests keep theirs apart) */
  schedulePrefix?: string;
  /** the stream feed whose turnover by currency the demo shows */
  currencyFeed?: string;
  /** the table feed whose top users the demo shows from the warehouse */
  topUsersFeed?: string;
}

/**
 * The demo's work once the services run: the schema, `run --all` over one day (each stream feed's
 * day as one range run, a snapshot of each table feed), the schedules, then what landed, read back
 * from the lake and the warehouse.
 */
export async function runDemo(deps: { env: Env; out: (line: string) => void }, client: Client, opts: DemoOptions): Promise<void> {
  const { env, out } = deps;
  const applied = await applyWarehouseSchema(env.MYSQL_URL, opts.sqlDir);
  out(`Warehouse schema applied (${applied.join(', ')})`);
  const feeds = [...(await loadFeeds(env.FEEDS_DIR)).values()];
  const streams = feeds.filter((f): f is StreamFeed => f.kind === 'stream');

  // What `ksql-etl run --all` does: the day of every stream as one range run, a snapshot (and its
  // warehouse load) of every table, all at once, under the ids single runs would use.
  const dayStart = Date.parse(`${opts.day}T00:00:00Z`);
  const window = { from: new Date(dayStart).toISOString(), to: new Date(dayStart + DAY_MS).toISOString() };
  const ran = await runAll(client, env, feeds, { ...window, concurrency: DEMO_CONCURRENCY, maxRange: env.RUN_MAX_RANGE, taskQueue: opts.taskQueue });
  for (const row of ran) out(describeRow(row, getFeed(new Map(feeds.map((f) => [f.id, f])), row.feed)));
  out('');
  formatTable(summaryTable(ran)).forEach(out);
  const failed = ran.filter((r) => r.outcome === 'failed');
  if (failed.length > 0) throw new Error(`the demo's runs failed for ${failed.map((r) => r.feed).join(', ')}`);

  const taskQueue = opts.taskQueue ?? env.TEMPORAL_TASK_QUEUE;
  const registry = await loadFeeds(env.FEEDS_DIR);
  const prefix = opts.schedulePrefix ?? SCHEDULE_ID_PREFIX;
  await applySchedules(client, registry, { feedsDir: env.FEEDS_DIR, taskQueue, prefix });
  out('');
  out('Temporal Schedules, one per feed (`ksql-etl schedules list`): they keep exporting while the services run');
  describeScheduleRows(await listSchedules(client, registry, prefix)).forEach(out);

  const lake = await Lake.fromEnv(env);
  try {
    for (const feed of streams) {
      out('');
      out(`Lake ${lake.location}, ${feed.id}: files and rows per date partition`);
      formatTable(await lake.streamPartitions(feed.id)).forEach(out);
    }
    out('');
    const currencyFeed = opts.currencyFeed ?? 'transaction_stream';
    out(`DuckDB over the lake: ${currencyFeed} by currency`);
    formatTable(await currencySummary(lake, currencyFeed)).forEach(out);
  } finally {
    lake.close();
  }
  const topUsers = getFeed(registry, opts.topUsersFeed ?? 'user_transaction_summary');
  if (topUsers.kind === 'table' && topUsers.warehouse) await warehouseSummary(env, topUsers.warehouse.fact, out);
  out('');
  out(`Temporal Web UI: ${temporalUiUrl(env)} (runs are listed by workflow id, e.g. export:${streams[0]?.id ?? feeds[0]?.id}:…)`);
}

/** One line per feed: the figures a person checks first. */
function describeRow(row: RunAllRow, feed: Feed): string {
  if (row.outcome === 'failed') return `${feed.id}: failed: ${row.error}`;
  if (feed.kind === 'stream') {
    return `${feed.id}: ${DAY_MS / durationMs(feed.slot)} slots of ${feed.slot} exported in one range run in ${row.seconds.toFixed(1)} s (${row.rows} rows, ${row.quarantined} quarantined)`;
  }
  const loaded = row.warehouseRows === null ? 'lake only' : `${row.warehouseRows} rows loaded into ${feed.warehouse?.fact}`;
  return `${feed.id}: snapshot version ${row.version} (${row.rows} rows) in the lake, ${loaded}`;
}

async function warehouseSummary(env: Env, fact: string, out: (line: string) => void): Promise<void> {
  const warehouse = connectWarehouse(env);
  try {
    out('');
    out(`MySQL over the warehouse (${warehouse.database}): top 5 users in the latest snapshot of ${fact}`);
    // `fact` comes from a validated feed file (a strict identifier pattern), never from user input.
    const top = await warehouse.query(
      `SELECT user_id, transaction_count, ROUND(total_amount, 2) AS total_amount, last_currency
         FROM ${fact}
        WHERE snapshot_version = (SELECT MAX(snapshot_version) FROM ${fact})
        ORDER BY total_amount DESC LIMIT 5`,
    );
    formatTable(top).forEach(out);
    out('');
    out('Snapshot versions in the warehouse');
    formatTable(await warehouse.query("SELECT feed, snapshot_version, fact_table, row_count FROM etl_snapshot_loads WHERE status = 'loaded' ORDER BY feed, snapshot_version")).forEach(out);
  } finally {
    await warehouse.close();
  }
}
