import { Command, CommanderError } from 'commander';
import { WorkflowFailedError } from '@temporalio/client';
import { ZodError } from 'zod';
import { readEnv, type Env } from '../config/env.js';
import { FeedConfigError, UnknownFeedError } from '../config/errors.js';
import { CheckFailedError } from './check-failed-error.js';
import { LakeQueryError } from '../lake/errors.js';
import type { CliDeps } from './cli-deps.js';
import { backfillCommand } from './commands/backfill.js';
import { demoCommand } from './commands/demo.js';
import { devCommand } from './commands/dev.js';
import { doctorCommand } from './commands/doctor.js';
import { feedsCommand } from './commands/feeds.js';
import { ksqlCommand } from './commands/ksql.js';
import { lakeCommand } from './commands/lake.js';
import { queryCommand } from './commands/query.js';
import { retentionCommand } from './commands/retention.js';
import { runCommand } from './commands/run.js';
import { schedulesCommand } from './commands/schedules.js';
import { statusCommand } from './commands/status.js';
import { warehouseCommand } from './commands/warehouse.js';
import { workerCommand } from './commands/worker.js';
import { rootCause } from './root-cause.js';
import { UsageError } from './usage-error.js';

/** Builds the `ksql-etl` program; every command gets its dependencies from here. */
export function buildProgram(deps: CliDeps): Command {
  return new Command('ksql-etl')
    .description('Move what ksqlDB computes into a Parquet lake and a MySQL star schema, through Temporal.')
    .showHelpAfterError()
    .addCommand(workerCommand(deps))
    .addCommand(runCommand(deps))
    .addCommand(backfillCommand(deps))
    .addCommand(schedulesCommand(deps))
    .addCommand(feedsCommand(deps))
    .addCommand(warehouseCommand(deps))
    .addCommand(devCommand({ readEnv: () => deps.env, processEnv: deps.processEnv, out: deps.out }))
    .addCommand(demoCommand(deps))
    .addCommand(ksqlCommand(deps))
    .addCommand(queryCommand(deps))
    .addCommand(statusCommand(deps))
    .addCommand(retentionCommand(deps))
    .addCommand(lakeCommand(deps))
    .addCommand(doctorCommand(deps));
}

/** The one place that turns errors into exit codes: 2 for bad input or config, 1 for a failed run or check. */
export async function main(argv: string[]): Promise<number> {
  try {
    let env: Env | undefined;
    const deps: CliDeps = {
      // Parsed when a command first needs it, so `--help` works whatever the environment says.
      get env() {
        return (env ??= readEnv());
      },
      processEnv: process.env,
      out: (line) => console.log(line),
    };
    await buildProgram(deps).exitOverride().parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof ZodError) {
      console.error(`invalid input:\n${err.issues.map((i) => `  ${i.path.join('.') || '(value)'}: ${i.message}`).join('\n')}`);
      return 2;
    }
    if (err instanceof FeedConfigError || err instanceof UnknownFeedError || err instanceof UsageError || err instanceof LakeQueryError) {
      console.error(err.message);
      return 2;
    }
    if (err instanceof CheckFailedError) {
      console.error(err.message);
      return 1;
    }
    if (err instanceof WorkflowFailedError) {
      console.error(`run failed: ${rootCause(err)}`);
      return 1;
    }
    console.error(err instanceof Error ? err.message : String(err));
    return 1;
  }
}
