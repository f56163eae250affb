import { join } from 'node:path';
import type { S3Settings } from '../config/s3-env.js';
import { findProjectRoot } from '../dev/dev-state.js';
import { ensureSeaweedfs } from '../dev/ensure-seaweedfs.js';
import { freeSeaweedfsPorts, SEAWEEDFS_CREDENTIALS, SEAWEEDFS_REGION, startSeaweedfsServer, type SeaweedfsServer } from '../dev/seaweedfs-server.js';

/** A SeaweedFS of the bench's own, data under `dir`, and the S3 settings a worker would use for it. */
export async function startBenchSeaweedfs(dir: string, bucket: string): Promise<{ server: SeaweedfsServer; s3: S3Settings }> {
  const binary = await ensureSeaweedfs({ toolsDir: join(findProjectRoot(import.meta.url), '.tools'), log: console.log, env: process.env });
  const server = await startSeaweedfsServer({ binary, dataDir: join(dir, 'seaweedfs'), ports: await freeSeaweedfsPorts(), bucket, detached: false });
  return { server, s3: { endpoint: server.endpoint, region: SEAWEEDFS_REGION, credentials: SEAWEEDFS_CREDENTIALS, forcePathStyle: true } };
}
