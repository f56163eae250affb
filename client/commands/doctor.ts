import { Command } from 'commander';
import { ALL_SETTINGS } from '../../config/env.js';
import type { CliDeps } from '../common/cli-deps.js';
import { commandSettings } from '../common/command-settings.js';
import { DoctorFailedError, formatResults, runDoctor } from '../doctor/run-doctor.js';
import { SQL_DIR } from '../common/project-files.js';

export function doctorCommand(deps: CliDeps): Command {
  const command = new Command('doctor')
    .description('check the setup: feed files, ksqlDB, Temporal, MySQL, the lake and DuckDB; exits 1 if a check failed (changes nothing)')
    .option('--json', 'print [{check, status, detail, hint}] as JSON', false);
  const settings = commandSettings(command, deps, ALL_SETTINGS);
  return command.action(async (opts: { json: boolean }) => {
      const results = await runDoctor({ env: settings(), sqlDir: SQL_DIR });
      if (opts.json) deps.out(JSON.stringify(results, null, 2));
      else formatResults(results).forEach(deps.out);
      const bad = results.filter((r) => r.status === 'failed').map((r) => r.check);
      if (bad.length > 0) throw new DoctorFailedError(bad);
    });
}
