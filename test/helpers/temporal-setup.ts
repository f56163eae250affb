import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureTemporalCli } from '../../dev/ensure-temporal-cli.js';
import { startTemporalDevServer, type TemporalDevServer } from '../../dev/temporal-dev-server.js';
import { freePort, REPO_ROOT } from './services.js';

const log = (line: string) => console.log(`[temporal-setup] ${line}`);

/**
 * Global setup of the `workflows` and `integration` projects: a fresh headless Temporal dev server
 * on a free port, once per project that has tests queued. Test files reach it through `inject(...)`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Global setup is a process edge: it may read process.env (TEMPORAL_CLI, PATH for go).
  const binary = await ensureTemporalCli({ toolsDir: join(REPO_ROOT, '.tools'), log, env: process.env });
  // A fresh database file rather than in-memory, so the run exercises the same path as `dev up`.
  const dir = await mkdtemp(join(tmpdir(), 'ksql-etl-temporal-'));
  const began = Date.now();
  let server: TemporalDevServer;
  try {
    server = await startOnFreePort(binary, join(dir, 'temporal.db'));
    log(`${project.name}: Temporal dev server on ${server.address} (pid ${server.pid}) ready in ${Date.now() - began} ms`);
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  project.provide('temporalAddress', server.address);
  project.provide('temporalCli', binary);

  return async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
}

/** freePort can race with another process grabbing the port; a second pick almost never does. */
async function startOnFreePort(binary: string, dbFile: string): Promise<TemporalDevServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startTemporalDevServer({ binary, port: await freePort(), uiPort: null, dbFile, detached: false });
    } catch (err) {
      if (attempt >= 3) throw err;
      log(`dev server did not start (${(err as Error).message.split('\n')[0]}); retrying on another port`);
      await rm(dbFile, { force: true });
    }
  }
}
