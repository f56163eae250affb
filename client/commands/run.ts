import { basename } from 'node:path';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { feedOf, scanFeeds } from '../../config/load-feeds.js';
import type { CliDeps } from '../common/cli-deps.js';
import { commandSettings } from '../common/command-settings.js';
import { exportRequestFor } from '../run/export-request.js';
import { formatTable } from '../common/format-table.js';
import { parseOptions } from '../common/parse-options.js';
import { UsageError } from '../common/usage-error.js';
import { waitDuration } from '../common/wait-duration.js';

const optionsSchema = z.object({
  feed: z.string().optional(),
  all: z.boolean(),
  kind: z.enum(['stream', 'table']).optional(),
  /** first slot, ISO with a zone (stream feeds) */
  from: z.string().optional(),
  /** end of the range, exclusive (stream feeds) */
  to: z.string().optional(),
  /** the names before --from/--to, kept hidden so old scripts still work */
  window: z.string().optional(),
  end: z.string().optional(),
  concurrency: z.coerce.number().int().min(1).max(32).optional(),
  detach: z.boolean(),
  timeout: waitDuration.optional(),
  json: z.boolean(),
});

export function runCommand(deps: CliDeps): Command {
  const command = new Command('run')
    .description('export now through Temporal and follow it: a stream window or a table snapshot, for one feed or --all')
    .argument('[feed]', 'feed id, as in FEEDS_DIR/<feed>.json')
    .option('--from <instant>', 'stream feeds: first slot, ISO with a zone (default: the last complete slot)')
    .option('--to <instant>', 'stream feeds: end of the range, exclusive (default: one slot after --from)')
    .addOption(new Option('--window <instant>', 'old name of --from').hideHelp())
    .addOption(new Option('--end <instant>', 'old name of --to').hideHelp())
    .option('--all', 'run every feed: streams for the window (or their last complete slot), tables a snapshot', false)
    .addOption(new Option('--kind <kind>', 'with --all: only feeds of this kind').choices(['stream', 'table']))
    .option('--concurrency <n>', 'with --all: runs at once (default 4)')
    .option('--detach', 'start the run, print its id and Web UI link, and return', false)
    .option('--timeout <duration>', 'stop waiting after this long (30s, 10m, 2h); the run goes on in Temporal')
    .option('--json', 'print the outcome (or the --all summary) as JSON', false);
  const settings = commandSettings(command, deps, ['temporal', 'feeds', 'run']);
  return command.action(async (feedId: string | undefined, opts: Record<string, unknown>) => {
    const o = parseOptions(command, optionsSchema, { feed: feedId, ...opts });
    const { note } = deps;
    if (o.window !== undefined || o.end !== undefined) note('--window/--end are deprecated: use --from/--to');
    const window = { from: o.from ?? o.window, to: o.to ?? o.end };
    if (o.all === (o.feed !== undefined)) throw new UsageError('give a feed id or --all (not both)');
    if (!o.all && (o.kind || o.concurrency)) throw new UsageError(`--${o.kind ? 'kind' : 'concurrency'} goes with --all`);
    if (o.all && o.detach) throw new UsageError('--detach is for one feed; `ksql-etl schedules trigger` starts runs without waiting');
    const env = settings();
    const scan = await scanFeeds(env.FEEDS_DIR);
    const now = new Date();
    // Loaded only now: a command that fails its checks never pays for the Temporal client.
    const { connectTemporal } = await import('../../wiring/connect-temporal.js');
    if (!o.all) {
      const feed = feedOf(scan, o.feed!);
      const request = exportRequestFor(feed, window, now, env.RUN_MAX_RANGE);
      const { runOneFeed } = await import('../run/run-one-feed.js');
      const temporal = await connectTemporal(env);
      try {
        await runOneFeed(temporal.client, env, feed, request, { ...o, out: deps.out, note });
      } finally {
        await temporal.close();
      }
      return;
    }
    // A bad feed file is a failed row of the summary, not a reason to skip the others.
    const feeds = [...scan.feeds.values()];
    const { runAll, summaryTable } = await import('../run/run-all.js');
    const temporal = await connectTemporal(env);
    try {
      const rows = await runAll(temporal.client, env, feeds, { ...window, kind: o.kind, concurrency: o.concurrency ?? 4, maxRange: env.RUN_MAX_RANGE, now, note });
      const bad = scan.problems.map((p) => ({ feed: basename(p.file, '.json'), what: '-', rows: null, quarantined: null, files: null, version: null, warehouseRows: null, seconds: 0, outcome: 'failed' as const, error: p.message, url: null }));
      const all = [...rows, ...bad];
      if (o.json) deps.out(JSON.stringify(all, null, 2));
      else formatTable(summaryTable(all)).forEach(deps.out);
      const failed = all.filter((r) => r.outcome === 'failed').length;
      if (failed > 0) throw new Error(`${failed} of ${all.length} feed(s) failed; the others landed`);
    } finally {
      await temporal.close();
    }
  });
}
