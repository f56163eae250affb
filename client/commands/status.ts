import { Command } from 'commander';
import { z } from 'zod';
import { CheckFailedError } from '../common/check-failed-error.js';
import type { CliDeps } from '../common/cli-deps.js';
import { commandSettings } from '../common/command-settings.js';
import { parseOptions } from '../common/parse-options.js';
import { describeStatus } from '../status/describe-status.js';
import { readStatus } from '../status/read-status.js';

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
      const status = await readStatus(settings, options, (deps.now ?? Date.now)());
      if (options.json) deps.out(JSON.stringify(status, null, 2));
      else describeStatus(status).forEach(deps.out);
      if (!status.healthy) throw new CheckFailedError(`status: ${status.problems.length} problem(s)`);
    });
}

