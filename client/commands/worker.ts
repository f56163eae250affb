import { Command } from 'commander';
import { runWorker } from '../../worker/run-worker.js';
import type { CliDeps } from '../cli-deps.js';

export function workerCommand(deps: CliDeps): Command {
  return new Command('worker')
    .description('run a Temporal worker for the export workflows until SIGINT/SIGTERM')
    .action(() => runWorker(deps.env));
}
