import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { withFileLock } from '../../lake/file-lock.js';
import { REPO_ROOT } from './services.js';

/** Where the built command line starts. */
export const CLI_JS = join(REPO_ROOT, 'dist/client/cli.js');

/**
 * `npm run build` once per test run, whichever test files ask: test files run in parallel, and a
 * second build rewriting dist/ while another file's processes load it would hand them half a file.
 * The marker is keyed by the repository and by vitest's main process (every test fork's parent).
 */
export async function buildCliOnce(): Promise<void> {
  const key = createHash('sha256').update(REPO_ROOT).digest('hex').slice(0, 12);
  const marker = join(tmpdir(), `ksql-etl-build-${key}-${process.ppid}`);
  const slow = { timeoutMs: 600_000, staleMs: 600_000 };
  await withFileLock(`${marker}.lock`, async () => {
    if (await stat(marker).catch(() => null)) return;
    await promisify(execFile)('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT });
    await writeFile(marker, `${new Date().toISOString()}\n`);
  }, slow);
}
