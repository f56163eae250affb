import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureSeaweedfs } from '../../dev/ensure-seaweedfs.js';
import { freeSeaweedfsPorts, startSeaweedfsServer, type SeaweedfsServer } from '../../dev/seaweedfs-server.js';
import { REPO_ROOT } from './services.js';

const log = (line: string) => console.log(`[s3-setup] ${line}`);
export const TEST_BUCKET = 'ksql-etl-test';

/**
 * Global setup of the `integration` project: a fresh SeaweedFS (master, volume, filer, S3 gateway)
 * on free ports with an empty data folder and the bucket `ksql-etl-test`. Tests reach it through
 * `inject('s3Endpoint')` and sign with SEAWEEDFS_CREDENTIALS.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Global setup is a process edge: it may read process.env (SEAWEEDFS_BIN, PATH for go).
  const binary = await ensureSeaweedfs({ toolsDir: join(REPO_ROOT, '.tools'), log, env: process.env });
  const dir = await mkdtemp(join(tmpdir(), 'ksql-etl-seaweedfs-'));
  const began = Date.now();
  let server: SeaweedfsServer;
  try {
    server = await startOnFreePorts(binary, dir);
    log(`${project.name}: SeaweedFS S3 on ${server.endpoint} (pid ${server.pid}) ready in ${Date.now() - began} ms`);
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  project.provide('s3Endpoint', server.endpoint);
  project.provide('s3Bucket', server.bucket);
  return async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
}

/** Eight ports picked a moment before the server binds them: another process may win one, so retry. */
async function startOnFreePorts(binary: string, dir: string): Promise<SeaweedfsServer> {
  for (let attempt = 1; ; attempt++) {
    const ports = await freeSeaweedfsPorts();
    const dataDir = join(dir, `data-${attempt}`);
    try {
      return await startSeaweedfsServer({ binary, dataDir, ports, bucket: TEST_BUCKET, detached: false });
    } catch (err) {
      if (attempt >= 3) throw err;
      log(`SeaweedFS did not start (${(err as Error).message.split('\n')[0]}); retrying on other ports`);
    }
  }
}
