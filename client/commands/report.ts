import { resolve } from 'node:path';
import { Command } from 'commander';
import { z } from 'zod';
import type { CliDeps } from '../common/cli-deps.js';
import { commandSettings } from '../common/command-settings.js';
import { parseOptions } from '../common/parse-options.js';
import { readStatus } from '../status/read-status.js';

const optionsSchema = z.object({
  feed: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  html: z.string().min(1),
});

export function reportCommand(deps: CliDeps): Command {
  const command = new Command('report')
    .description('write the status (slot grid, table versions, charts, latest runs) as one self-contained HTML page; exit 0 even when it shows problems')
    .argument('[feed]', 'feed id, as in feeds/<feed>.json (default: every feed)')
    .requiredOption('--html <file>', 'the HTML file to write (replaced whole)')
    .option('--from <instant>', 'start of the range, ISO with a zone (default: 24 hours before --to)')
    .option('--to <instant>', 'end of the range, exclusive, ISO with a zone (default: now)');
  const settings = commandSettings(command, deps, ['feeds', 'lake', 'mysql']);
  return command.action(async (feedId: string | undefined, opts: Record<string, unknown>) => {
    const options = parseOptions(command, optionsSchema, { feed: feedId, ...opts });
    const status = await readStatus(settings, options, (deps.now ?? Date.now)());
    const [{ reportPage }, { writeFileAtomic }] = await Promise.all([import('../report/report-page.js'), import('../common/write-file-atomic.js')]);
    const file = resolve(options.html);
    // A reader (a browser, a web server) sees the previous report or this one, never half.
    await writeFileAtomic(file, reportPage(status));
    deps.out(`report: ${file} (${status.healthy ? 'healthy' : `${status.problems.length} problem(s)`})`);
  });
}
