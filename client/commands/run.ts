import { Command } from 'commander';
import { z } from 'zod';
import { getFeed, loadFeeds } from '../../config/load-feeds.js';
import type { CliDeps } from '../cli-deps.js';
import { connectTemporal } from '../../wiring/connect-temporal.js';
import { describeOutcome, runExport } from '../run-export.js';

const optionsSchema = z.object({
  feed: z.string(),
  window: z.string().optional(),
  end: z.string().optional(),
});

export function runCommand(deps: CliDeps): Command {
  return new Command('run')
    .description('export one feed now through Temporal and wait for it: a stream window, or a table snapshot')
    .argument('<feed>', 'feed id, as in feeds/<feed>.json')
    .option('--window <start>', 'stream feeds: first slot to export, ISO (default: the last complete slot)')
    .option('--end <end>', 'stream feeds: end of the range, ISO (default: one slot after --window)')
    .action(async (feedId: string, opts: unknown) => {
      const options = optionsSchema.parse({ feed: feedId, ...(opts as object) });
      const feed = getFeed(await loadFeeds(deps.env.FEEDS_DIR), options.feed);
      const temporal = await connectTemporal(deps.env);
      try {
        const outcome = await runExport(temporal.client, deps.env, feed, options);
        describeOutcome(outcome).forEach(deps.out);
      } finally {
        await temporal.close();
      }
    });
}
