import { Command } from 'commander';
import { z } from 'zod';
import { Lake } from '../../lake/lake.js';
import { connectWarehouse } from '../../wiring/connect-warehouse.js';
import { CheckFailedError } from '../check-failed-error.js';
import type { CliDeps } from '../cli-deps.js';
import { commandSettings } from '../command-settings.js';
import { parseOptions } from '../parse-options.js';
import { instantOption } from '../slot-window.js';
import { selectFeeds } from '../select-feeds.js';
import { collectStatus } from '../status/collect-status.js';
import { describeStatus } from '../status/describe-status.js';
import { UsageError } from '../usage-error.js';

const DAY_MS = 86_400_000;

const optionsSchema = z.object({
  feed: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  json: z.boolean(),
});

export function statusCommand(deps: CliDeps): Command {
  const command = new Command('status')
    .description('per feed: the slot grid over a range (done, empty, late, failed, missing), freshness, table versions; exit 1 when something is missing, failed or stale')
    .argument('[feed]', 'feed id, as in feeds/<feed>.json (default: every feed)')
    .option('--from <instant>', 'start of the range, ISO with a zone (default: 24 hours before --to)')
    .option('--to <instant>', 'end of the range, exclusive, ISO with a zone (default: now)')
    .option('--json', 'print the status model as JSON', false);
  const settings = commandSettings(command, deps, ['feeds', 'lake', 'mysql']);
  return command.action(async (feedId: string | undefined, opts: Record<string, unknown>) => {
      const options = parseOptions(command, optionsSchema, { feed: feedId, ...opts });
      const nowMs = (deps.now ?? Date.now)();
      const toMs = options.to === undefined ? nowMs : instantOption('--to', options.to);
      const fromMs = options.from === undefined ? toMs - DAY_MS : instantOption('--from', options.from);
      if (toMs <= fromMs) throw new UsageError(`--to must come after --from`);
      const env = settings();
      const feeds = await selectFeeds(env.FEEDS_DIR, options.feed);
      const lake = await Lake.fromEnv(env);
      // The pool connects on its first query: only table feeds loaded into the warehouse ask it.
      const warehouse = connectWarehouse(env);
      try {
        const status = await collectStatus(lake, warehouse, feeds, { fromMs, toMs, nowMs });
        if (options.json) deps.out(JSON.stringify(status, null, 2));
        else describeStatus(status).forEach(deps.out);
        if (!status.healthy) throw new CheckFailedError(`status: ${status.problems.length} problem(s)`);
      } finally {
        lake.close();
        await warehouse.close();
      }
    });
}

