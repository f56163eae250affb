import type { Client } from '@temporalio/client';
import { temporalUiUrl } from '../../config/env.js';
import { getFeed, loadFeeds } from '../../config/load-feeds.js';
import { durationMs } from '../../config/duration.js';
import { Lake } from '../../lake/lake.js';
import { applyWarehouseSchema } from '../../warehouse/apply-schema.js';
import { Warehouse } from '../../warehouse/warehouse.js';
import type { CliDeps } from '../cli-deps.js';
import { runExport } from '../run-export.js';
import { currencySummary, partitionSummary } from './lake-summary.js';
import { formatTable } from './format-table.js';

export interface DemoOptions {
  /** the UTC day whose hourly windows are exported */
  day: string;
  streamFeed: string;
  tableFeed: string;
  sqlDir: string;
  /** the workers' task queue (tests run their own) */
  taskQueue?: string;
}

/**
 * The demo's work once the services run: the schema, every slot of one day of the stream feed,
 * one snapshot of the table feed, then what landed, read back from the lake and the warehouse.
 */
export async function runDemo(deps: CliDeps, client: Client, opts: DemoOptions): Promise<void> {
  const { env, out } = deps;
  const applied = await applyWarehouseSchema(env.MYSQL_URL, opts.sqlDir);
  out(`Warehouse schema applied (${applied.join(', ')})`);
  const feeds = await loadFeeds(env.FEEDS_DIR);
  const stream = getFeed(feeds, opts.streamFeed);
  const table = getFeed(feeds, opts.tableFeed);
  if (stream.kind !== 'stream' || table.kind !== 'table') throw new Error('the demo needs one stream feed and one table feed');

  const dayStart = Date.parse(`${opts.day}T00:00:00Z`);
  const slotMs = durationMs(stream.slot);
  const windows = Array.from({ length: 86_400_000 / slotMs }, (_, i) => new Date(dayStart + i * slotMs).toISOString());
  const began = Date.now();
  const outcomes = await Promise.all(windows.map((window) => runExport(client, env, stream, { window, taskQueue: opts.taskQueue })));
  const rows = outcomes.reduce((sum, o) => sum + o.rows, 0);
  const quarantined = outcomes.reduce((sum, o) => sum + o.quarantined, 0);
  out(`${stream.id}: ${windows.length} windows of ${stream.slot} exported in ${((Date.now() - began) / 1000).toFixed(1)} s (${rows} rows, ${quarantined} quarantined)`);

  const snapshot = await runExport(client, env, table, { taskQueue: opts.taskQueue });
  out(`${table.id}: snapshot version ${snapshot.version} (${snapshot.rows} rows) in the lake, ${snapshot.warehouseRows ?? 0} rows loaded into the warehouse`);

  const lake = await Lake.open(env.LAKE_DIR);
  try {
    out('');
    out(`Lake ${lake.root}, ${stream.id}: files and rows per date partition`);
    formatTable(await partitionSummary(lake, stream.id)).forEach(out);
    out('');
    out(`DuckDB over the lake: transactions by currency`);
    formatTable(await currencySummary(lake, stream.id)).forEach(out);
  } finally {
    lake.close();
  }
  const warehouse = Warehouse.connect(env.MYSQL_URL);
  try {
    out('');
    out(`MySQL over the warehouse (${warehouse.database}): top 5 users in snapshot version ${snapshot.version}`);
    const top = await warehouse.query(
      `SELECT user_id, transaction_count, ROUND(total_amount, 2) AS total_amount, last_currency
         FROM fact_user_transaction_summary WHERE snapshot_version = ? ORDER BY total_amount DESC LIMIT 5`,
      [snapshot.version],
    );
    formatTable(top).forEach(out);
    const versions = await warehouse.query('SELECT feed, snapshot_version, row_count FROM etl_snapshot_loads ORDER BY feed, snapshot_version');
    out('');
    out('Snapshot versions in the warehouse');
    formatTable(versions).forEach(out);
  } finally {
    await warehouse.close();
  }
  out('');
  out(`Temporal Web UI: ${temporalUiUrl(env)} (runs are listed by workflow id, e.g. ${outcomes[0]?.workflowId})`);
}
