import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REPO_ROOT } from './services.js';

/**
 * Global setup of the `faults` project: its workers are the built CLI (`node dist/client/cli.js
 * worker`) killed and restarted as a deployment would see it, so build once for every file.
 */
export default async function setup(): Promise<void> {
  const began = Date.now();
  await promisify(execFile)('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT });
  console.log(`[build-setup] built dist/ in ${Date.now() - began} ms`);
}
