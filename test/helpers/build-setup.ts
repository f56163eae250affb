import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REPO_ROOT } from './services.js';

const log = (line: string) => console.log(`[build-setup] ${line}`);

/**
 * Global setup of the tiers that run the built CLI as a subprocess (`node dist/client/cli.js …`):
 * one `npm run build` per test run, before any file starts, so suites never build concurrently
 * into the same `dist/` (two `tsc` writing one folder at once is a race) and none pays for it twice.
 */
export default async function setup(): Promise<void> {
  const began = Date.now();
  await promisify(execFile)('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 });
  log(`dist/ built in ${Date.now() - began} ms`);
}
