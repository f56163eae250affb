import { Command } from 'commander';
import { z } from 'zod';
import { getFeed, loadFeeds } from '../../config/load-feeds.js';
import { Lake } from '../../lake/index.js';
import type { CliDeps } from '../common/cli-deps.js';
import { commandSettings } from '../common/command-settings.js';
import { parseOptions } from '../common/parse-options.js';
import { describeQuarantine } from '../quarantine/describe-quarantine.js';
import { UsageError } from '../common/usage-error.js';

const listSchema = z.object({ feed: z.string().optional(), json: z.boolean() });
const replaySchema = z.object({
  feed: z.string(),
  window: z.string().refine((t) => !Number.isNaN(Date.parse(t)), 'must be an ISO instant, e.g. 2026-11-24T10:00:00Z').optional(),
  dryRun: z.boolean(),
  json: z.boolean(),
});

export function quarantineCommand(deps: CliDeps): Command {
  const quarantine = new Command('quarantine').description('the rows exports set aside with their reasons (`_quarantine/` in the lake)');
  const list = quarantine
    .command('list')
    .description('quarantined rows grouped by feed, window (or table version) and reason, with counts')
    .argument('[feed]', 'feed id (default: every feed)')
    .option('--json', 'print the groups as JSON', false);
  const listSettings = commandSettings(list, deps, ['lake']);
  list.action(async (feedId: string | undefined, opts: Record<string, unknown>) => {
    const o = parseOptions(list, listSchema, { feed: feedId, ...opts });
    const lake = await Lake.fromEnv(listSettings(), { inspectOnly: true });
    try {
      const groups = await lake.quarantine(o.feed);
      if (o.json) deps.out(JSON.stringify(groups, null, 2));
      else describeQuarantine(groups).forEach(deps.out);
    } finally {
      lake.close();
    }
  });
  const replay = quarantine
    .command('replay')
    .description("re-validate a stream feed's quarantined rows with its current schema, then re-export their windows from ksqlDB (as `run` would): fixed rows land once")
    .argument('<feed>', 'stream feed id')
    .option('--window <instant>', 'only the quarantined window holding this instant')
    .option('--dry-run', 're-validate only: say how many rows would pass, export nothing', false)
    .option('--json', 'print one object per window as JSON', false);
  const replaySettings = commandSettings(replay, deps, ['temporal', 'feeds', 'lake']);
  replay.action(async (feedId: string, opts: Record<string, unknown>) => {
    const o = parseOptions(replay, replaySchema, { feed: feedId, ...opts });
    const env = replaySettings();
    const feed = getFeed(await loadFeeds(env.FEEDS_DIR), o.feed);
    if (feed.kind !== 'stream') throw new UsageError(`${feed.id} is a table feed: its next snapshot (\`ksql-etl run ${feed.id}\`) re-reads every row`);
    const { replayQuarantine, describeReplay } = await import('../quarantine/replay-quarantine.js');
    const lake = await Lake.fromEnv(env, { inspectOnly: true });
    // Loaded only now: a dry run or a bad argument never pays for the Temporal client.
    const temporal = o.dryRun ? null : await (await import('../../wiring/connect-temporal.js')).connectTemporal(env);
    try {
      const rows = await replayQuarantine(lake, temporal && { client: temporal.client, env }, feed, o);
      if (o.json) deps.out(JSON.stringify(rows, null, 2));
      else describeReplay(feed.id, rows, o.dryRun).forEach(deps.out);
    } finally {
      lake.close();
      await temporal?.close();
    }
  });
  return quarantine;
}
