import { Command } from 'commander';
import { ALL_SETTINGS, readSettings } from '../config/env.js';
import type { CliDeps } from './common/cli-deps.js';
import { envHelp } from './common/command-settings.js';
import { backfillCommand } from './commands/backfill.js';
import { demoCommand } from './commands/demo.js';
import { devCommand } from './commands/dev.js';
import { doctorCommand } from './commands/doctor.js';
import { feedsCommand } from './commands/feeds.js';
import { ksqlCommand } from './commands/ksql.js';
import { lakeCommand } from './commands/lake.js';
import { quarantineCommand } from './commands/quarantine.js';
import { queryCommand } from './commands/query.js';
import { reportCommand } from './commands/report.js';
import { retentionCommand } from './commands/retention.js';
import { runCommand } from './commands/run.js';
import { schedulesCommand } from './commands/schedules.js';
import { statusCommand } from './commands/status.js';
import { warehouseCommand } from './commands/warehouse.js';
import { workerCommand } from './commands/worker.js';
import { exitCodeOf } from './common/exit-code.js';
import { PACKAGE_VERSION } from './common/project-files.js';

/** Builds the `ksql-etl` program; every command gets its dependencies from here. */
export function buildProgram(deps: CliDeps): Command {
  const dev = devCommand({ readEnv: () => deps.settings(ALL_SETTINGS), processEnv: deps.processEnv, out: deps.out });
  const program = new Command('ksql-etl')
    .description('Move what ksqlDB computes into a Parquet lake and a MySQL star schema, through Temporal.')
    .version(PACKAGE_VERSION, '-V, --version', 'print the version')
    .addHelpText('after', '\nExit codes: 0 done, 1 a run failed, 2 bad arguments, settings or feed files (nothing started).\nEach command\'s --help lists the environment variables it reads.')
    .addCommand(workerCommand(deps))
    .addCommand(runCommand(deps))
    .addCommand(backfillCommand(deps))
    .addCommand(schedulesCommand(deps))
    .addCommand(feedsCommand(deps))
    .addCommand(warehouseCommand(deps))
    .addCommand(dev.addHelpText('after', envHelp(ALL_SETTINGS)))
    .addCommand(demoCommand(deps))
    .addCommand(ksqlCommand(deps))
    .addCommand(queryCommand(deps))
    .addCommand(statusCommand(deps))
    .addCommand(reportCommand(deps))
    .addCommand(retentionCommand(deps))
    .addCommand(quarantineCommand(deps))
    .addCommand(lakeCommand(deps))
    .addCommand(doctorCommand(deps));
  forEachCommand(program, (command) => command.showHelpAfterError('(add --help for usage)').exitOverride());
  return program;
}

/** `addCommand` passes no settings down, so each command gets them itself: usage errors throw (exit 2), never exit 1. */
function forEachCommand(command: Command, fn: (command: Command) => void): void {
  fn(command);
  command.commands.forEach((child) => forEachCommand(child, fn));
}

/** Runs the program; the exit code comes from `exitCodeOf`, the one mapping of errors. */
export async function main(argv: string[]): Promise<number> {
  const deps: CliDeps = {
    // Each command reads only the variables it needs, when it runs: `--help` always works.
    settings: (pieces) => readSettings(process.env, pieces),
    processEnv: process.env,
    out: (line) => console.log(line),
    note: (line) => console.error(line),
    progressStream: process.stderr,
  };
  try {
    await buildProgram(deps).parseAsync(argv);
    return 0;
  } catch (err) {
    return exitCodeOf(err, (text) => console.error(text));
  }
}
