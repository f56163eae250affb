import { Command } from 'commander';
import { z } from 'zod';
import { feedOf, scanFeeds } from '../../config/load-feeds.js';
import { backfillInput } from '../backfill/backfill-input.js';
import { describePlan } from '../backfill/describe-backfill.js';
import type { CliDeps } from '../common/cli-deps.js';
import { commandSettings } from '../common/command-settings.js';
import { detachOnSigint } from '../run/detach-on-sigint.js';
import { parseOptions } from '../common/parse-options.js';

const optionsSchema = z.object({
  feed: z.string(),
  /** first slot, ISO with a zone */
  from: z.string(),
  /** end of the range (exclusive), ISO with a zone */
  to: z.string(),
  /** one range export per chunk: a duration, a whole number of slots */
  chunk: z.string(),
  concurrency: z.coerce.number().int().positive(),
  missingOnly: z.boolean(),
  dryRun: z.boolean(),
  detach: z.boolean(),
});

export function backfillCommand(deps: CliDeps): Command {
  const command = new Command('backfill')
    .description('export a past range of a stream feed through Temporal, one range export per chunk, with a progress bar')
    .argument('<feed>', 'stream feed id, as in FEEDS_DIR/<feed>.json')
    .requiredOption('--from <instant>', 'first slot, ISO with a zone (e.g. 2026-10-01T00:00:00Z)')
    .requiredOption('--to <instant>', 'end of the range, exclusive, ISO with a zone')
    .option('--chunk <duration>', 'slots per range export (one ksqlDB scan each)', '1d')
    .option('--concurrency <n>', 'range exports running at once', '2')
    .option('--missing-only', 'skip slots the lake already holds', false)
    .option('--dry-run', 'list the chunks and slots it would export, start nothing', false)
    .option('--detach', 'start it, print its id and link, and return', false);
  const settings = commandSettings(command, deps, ['temporal', 'feeds', 'lake']);
  return command.action(async (feedId: string, opts: Record<string, unknown>) => {
    const options = parseOptions(command, optionsSchema, { feed: feedId, ...opts });
    const env = settings();
    const feed = feedOf(await scanFeeds(env.FEEDS_DIR), options.feed);
    const input = backfillInput(feed, options, new Date());
    if (options.dryRun) {
      const { dryRunPlan } = await import('../backfill/dry-run-plan.js');
      describePlan(await dryRunPlan(env, input), input.slotMs).forEach(deps.out);
      return;
    }
    // Attaches while it runs (same id); once it has ended, redoes nothing the lake holds.
    const attachCommand = `ksql-etl backfill ${feed.id} --from ${input.start} --to ${input.end} --chunk ${options.chunk} --concurrency ${options.concurrency} --missing-only`;
    // Loaded only now: a command that fails its checks never pays for the Temporal client.
    const [{ connectTemporal }, { runBackfill }] = await Promise.all([import('../../wiring/connect-temporal.js'), import('../backfill/run-backfill.js')]);
    const temporal = await connectTemporal(env);
    try {
      // Ctrl-C detaches: stop watching, leave the backfill to Temporal, exit 0.
      await detachOnSigint((signal) => runBackfill(temporal.client, env, input, deps.out, {
        detach: options.detach, signal, stream: deps.progressStream, attachCommand,
      }));
    } finally {
      await temporal.close();
    }
  });
}
