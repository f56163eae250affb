import type { Client } from '@temporalio/client';
import { temporalUiUrl } from '../../config/env.js';
import { getFeed, loadFeeds } from '../../config/load-feeds.js';
import type { StreamFeed, TableFeed } from '../../config/feed-schema.js';
import type { Env } from '../../config/env.js';
import { slotCount } from '../../config/slot-range.js';
import { Lake } from '../../lake/lake.js';
import { applyWarehouseSchema } from '../../warehouse/apply-schema.js';
import { connectWarehouse } from '../../wiring/connect-warehouse.js';
import { runExport, type ExportOutcome } from '../run-export.js';
import { applySchedules } from '../schedules/apply-schedules.js';
import { SCHEDULE_ID_PREFIX } from '../schedules/feed-schedule-options.js';
import { describeScheduleRows, listSchedules } from '../schedules/list-schedules.js';
import { currencySummary } from './lake-summary.js';
import { formatTable } from '../format-table.js';

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
 * The demo's work once the services run: the schema, one day of each stream feed (one range run),
 * one snapshot of each table feed, then what landed, read back from the lake and the warehouse.
 */
export async function runDemo(deps: { env: Env; out: (line: string) => void }, client: Client, opts: DemoOptions): Promise<void> {
  const { env, out } = deps;
  const applied = await applyWarehouseSchema(env.MYSQL_URL, opts.sqlDir);
  out(`Warehouse schema applied (${applied.join(', ')})`);
  const feeds = [...(await loadFeeds(env.FEEDS_DIR)).values()];
  const streams = feeds.filter((f): f is StreamFeed => f.kind === 'stream');
  const tables = feeds.filter((f): f is TableFeed => f.kind === 'table');

  const exported = await Promise.all(streams.map((feed) => exportDay(client, env, feed, opts)));
  exported.forEach((e) => out(e.summary));
  const snapshots: ExportOutcome[] = [];
  for (const feed of tables) {
    const snapshot = await runExport(client, env, feed, { taskQueue: opts.taskQueue });
    const loaded = snapshot.warehouseRows === null ? 'lake only' : `${snapshot.warehouseRows} rows loaded into ${feed.warehouse?.fact}`;
    out(`${feed.id}: snapshot version ${snapshot.version} (${snapshot.rows} rows) in the lake, ${loaded}`);
    snapshots.push(snapshot);
  }

  const taskQueue = opts.taskQueue ?? env.TEMPORAL_TASK_QUEUE;
  const registry = await loadFeeds(env.FEEDS_DIR);
  const prefix = opts.schedulePrefix ?? SCHEDULE_ID_PREFIX;
  await applySchedules(client, registry, { feedsDir: env.FEEDS_DIR, taskQueue, prefix });
  out('');
  out('Temporal Schedules, one per feed (`ksql-etl schedules list`): they keep exporting while the services run');
  describeScheduleRows(await listSchedules(client, registry, prefix)).forEach(out);

  const lake = await Lake.open(env.LAKE_DIR);
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
  out(`Temporal Web UI: ${temporalUiUrl(env)} (runs are listed by workflow id, e.g. ${exported[0]?.workflowId ?? snapshots[0]?.workflowId})`);
}

/** The whole day as one range run (one ksqlDB scan, one file per slot); returns the summary line. */
async function exportDay(client: Client, env: Env, feed: StreamFeed, opts: DemoOptions): Promise<{ workflowId: string; summary: string }> {
  const dayStart = Date.parse(`${opts.day}T00:00:00Z`);
  const window = new Date(dayStart).toISOString();
  const end = new Date(dayStart + 86_400_000).toISOString();
  const began = Date.now();
  const outcome = await runExport(client, env, feed, { window, end, taskQueue: opts.taskQueue });
  const slots = outcome.window ? slotCount(outcome.window) : 0;
  const seconds = ((Date.now() - began) / 1000).toFixed(1);
  return {
    workflowId: outcome.workflowId,
    summary: `${feed.id}: ${slots} slots of ${feed.slot} exported in one range run in ${seconds} s (${outcome.rows} rows, ${outcome.quarantined} quarantined)`,
  };
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
