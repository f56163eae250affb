import { Command } from 'commander';
import { z } from 'zod';
import { retainFeeds } from '../../activities/retain-feeds.js';
import { describeRetention, Lake } from '../../lake/index.js';
import { connectWarehouse } from '../../wiring/connect-warehouse.js';
import type { CliDeps } from '../common/cli-deps.js';
import { commandSettings } from '../common/command-settings.js';
import { parseOptions } from '../common/parse-options.js';
import { selectFeeds } from '../common/select-feeds.js';

const optionsSchema = z.object({
  feed: z.string().optional(),
  dryRun: z.boolean(),
  json: z.boolean(),
});

export function retentionCommand(deps: CliDeps): Command {
  const command = new Command('retention')
    .description("delete stream partitions older than the feed's retentionDays and table versions beyond keepVersions (never the current one or one the warehouse holds)")
    .argument('[feed]', 'feed id, as in feeds/<feed>.json (default: every feed)')
    .option('--dry-run', 'delete nothing; print what would go and what stays', false)
    .option('--json', 'print the plan as JSON', false);
  const settings = commandSettings(command, deps, ['feeds', 'lake', 'mysql']);
  return command.action(async (feedId: string | undefined, opts: Record<string, unknown>) => {
      const options = parseOptions(command, optionsSchema, { feed: feedId, ...opts });
      const env = settings();
      const feeds = await selectFeeds(env.FEEDS_DIR, options.feed);
      const lake = await Lake.fromEnv(env);
      // The pool connects on its first query: only table feeds loaded into the warehouse ask it.
      const warehouse = connectWarehouse(env);
      try {
        const results = await retainFeeds(lake, warehouse, feeds, { nowMs: (deps.now ?? Date.now)(), dryRun: options.dryRun });
        if (options.json) deps.out(JSON.stringify(results, null, 2));
        else results.flatMap(describeRetention).forEach(deps.out);
      } finally {
        lake.close();
        await warehouse.close();
      }
    });
}
