import { Command } from 'commander';
import { z } from 'zod';
import { findProjectRoot } from '../../dev/dev-state.js';
import { ALL_SETTINGS } from '../../config/env.js';
import type { CliDeps } from '../common/cli-deps.js';
import { commandSettings } from '../common/command-settings.js';
import { parseOptions } from '../common/parse-options.js';
import { SQL_DIR } from '../common/project-files.js';

const optionsSchema = z.object({
  keep: z.boolean(),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-24'),
});

/** `YYYY-MM-DD` of the day before today, in UTC. */
function yesterdayUtc(now = Date.now()): string {
  return new Date(now - 86_400_000).toISOString().slice(0, 10);
}

export function demoCommand(deps: CliDeps): Command {
  const command = new Command('demo')
    .description('start what is missing, export a day of every stream feed and a snapshot of every table feed, apply the schedules, and show what landed')
    .option('--keep', 'leave the services it started running (Temporal, stand-in, worker): the schedules go on exporting the live data', false)
    // `dev up` serves yesterday as a whole generated day and today live, up to the wall clock.
    .option('--day <date>', 'the UTC day to export (default: yesterday, the stand-in\'s complete day)', yesterdayUtc());
  const settings = commandSettings(command, deps, ALL_SETTINGS);
  return command.action(async (opts: Record<string, unknown>) => {
      const options = parseOptions(command, optionsSchema, opts);
      const env = settings();
      const [{ devDown }, { devUp, DevUpError }, { runDemo }, { connectTemporal }] = await Promise.all([
        import('../../dev/dev-down.js'), import('../../dev/dev-up.js'), import('../demo/run-demo.js'), import('../../wiring/connect-temporal.js'),
      ]);
      const ctx = { env, projectRoot: findProjectRoot(import.meta.url), processEnv: deps.processEnv, log: deps.out };
      const up = await devUp(ctx).catch(async (err: unknown) => {
        // Whatever came up before the failure is ours to stop.
        if (err instanceof DevUpError) await devDown(ctx, { services: err.started });
        throw err;
      });
      try {
        const temporal = await connectTemporal(env);
        try {
          await runDemo({ env, out: deps.out }, temporal.client, { day: options.day, sqlDir: SQL_DIR });
        } finally {
          await temporal.close();
        }
      } finally {
        if (options.keep) deps.out(`--keep: left running ${up.started.join(', ') || 'nothing new'}; \`ksql-etl dev down\` stops them`);
        else await devDown(ctx, { services: up.started });
      }
    });
}
