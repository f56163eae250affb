import { Command } from 'commander';
import { WORKER_PIECES } from '../../config/env.js';
import type { CliDeps } from '../common/cli-deps.js';
import { commandSettings } from '../common/command-settings.js';

export function workerCommand(deps: CliDeps): Command {
  const command = new Command('worker').description('run a Temporal worker for the export workflows until SIGINT/SIGTERM');
  const settings = commandSettings(command, deps, WORKER_PIECES);
  return command.action(async () => {
    const env = settings();
    const { runWorker } = await import('../../worker/run-worker.js');
    await runWorker(env);
  });
}
