import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// brings 'vitest' into the program so the augmentation below has a module to extend
import type {} from 'vitest';

/**
 * What the global setup hands every test file (read with `inject('temporalAddress')` from vitest),
 * and the few helpers tests use to start services of their own next to it.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    /** gRPC address of the fresh headless dev server started for this run, e.g. `127.0.0.1:41234`; namespace `default` */
    temporalAddress: string;
    /** absolute path of the temporal CLI that server runs, for tests that start servers of their own */
    temporalCli: string;
    /** the local MariaDB server, no database: suites create (and drop) their own */
    mysqlUrl: string;
  }
}

/** The repo root: `.tools/`, `dist/` and fixtures are found from here, whatever the cwd. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

// Tests and the bench both pick ports this way.
export { freePort } from '../../dev/free-port.js';

/** Runs `fn` with a fresh temp directory, removed afterwards whatever happens. */
export async function withTempDir<T>(prefix: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), `ksql-etl-${prefix}-`));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
