import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { CLI_JS } from './build-cli.js';
import { REPO_ROOT } from './services.js';

export interface CliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliProcess {
  readonly proc: ChildProcess;
  /** resolves once the process has exited, with everything it printed */
  readonly exited: Promise<CliExit>;
}

/**
 * `node dist/client/cli.js <args>` as a person runs it (build first), with exactly `env` plus PATH,
 * left running for the test to wait on or kill.
 */
export function startCli(args: string[], env: Record<string, string>): CliProcess {
  const proc = spawn(process.execPath, [CLI_JS, ...args], { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = once(proc, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null, stdout, stderr }));
  return { proc, exited };
}
