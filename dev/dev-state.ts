import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Env } from '../config/env.js';
import { isLocalHost } from './probes.js';
import { isProcessAlive } from './processes.js';

/**
 * What `dev up` leaves on disk in DEV_STATE_DIR: `<name>.pid` and `<name>.log` per service it
 * started, plus `temporal.db`. A pid file is the only claim of ownership: `dev down` stops nothing
 * else, so services a developer runs by hand are never touched.
 */

/** Services `dev up` can start, in start order (`dev down` stops in reverse). */
export const DEV_SERVICE_NAMES = ['temporal', 'standin', 's3', 'worker'] as const;
export type DevServiceName = (typeof DEV_SERVICE_NAMES)[number];

/**
 * What `dev up` starts when not told: everything but the S3 server, which only a lake in S3 needs
 * (`dev up --s3`, or LAKE_DIR=s3://… with an endpoint on this machine).
 */
export function defaultDevServices(env: Env): DevServiceName[] {
  const endpoint = env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
  const localS3 = env.LAKE_DIR.startsWith('s3://') && endpoint !== undefined && isLocalHost(new URL(endpoint).hostname);
  return DEV_SERVICE_NAMES.filter((name) => name !== 's3' || localS3);
}

export interface DevContext {
  env: Env;
  /** repo root: `dist/`, `.tools/` and a relative DEV_STATE_DIR are resolved against it */
  projectRoot: string;
  /** environment handed to the processes we start; TEMPORAL_CLI and Go's settings are read from it */
  processEnv: NodeJS.ProcessEnv;
  log: (line: string) => void;
}

/** Absolute DEV_STATE_DIR. */
export function stateDir(ctx: DevContext): string {
  return resolve(ctx.projectRoot, ctx.env.DEV_STATE_DIR);
}

/** `<state>/<name>.pid`: exists only for a service `dev up` started. */
export function pidFile(ctx: DevContext, name: DevServiceName): string {
  return join(stateDir(ctx), `${name}.pid`);
}

/** `<state>/<name>.log`: the service's output, appended across restarts. */
export function logFile(ctx: DevContext, name: DevServiceName): string {
  return join(stateDir(ctx), `${name}.log`);
}

/** A path as people read it in messages: relative to the repo when inside it. */
export function shownPath(ctx: DevContext, path: string): string {
  const rel = relative(ctx.projectRoot, path);
  return rel.startsWith('..') ? path : rel;
}

/** The pid recorded for `name`, alive or not; undefined without a readable pid file. */
export function readPid(ctx: DevContext, name: DevServiceName): number | undefined {
  const file = pidFile(ctx, name);
  if (!existsSync(file)) return undefined;
  const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** The pid of a service `dev up` started that is still alive; a stale pid file is removed. */
export async function livePid(ctx: DevContext, name: DevServiceName, marker: string): Promise<number | undefined> {
  const pid = readPid(ctx, name);
  if (pid === undefined) return undefined;
  if (isProcessAlive(pid, marker)) return pid;
  await removePid(ctx, name);
  return undefined;
}

/** Records `pid` as started by `dev up`. */
export async function writePid(ctx: DevContext, name: DevServiceName, pid: number): Promise<void> {
  await mkdir(stateDir(ctx), { recursive: true });
  await writeFile(pidFile(ctx, name), `${pid}\n`);
}

/** Gives up the claim on `name` (after stopping it, or when its process is gone). */
export async function removePid(ctx: DevContext, name: DevServiceName): Promise<void> {
  await rm(pidFile(ctx, name), { force: true });
}

/**
 * The folder holding ksql-etl's package.json, found by walking up from `fromUrl` (pass
 * `import.meta.url`): the same answer from `client/` sources under vitest and from `dist/client/`.
 */
export function findProjectRoot(fromUrl: string): string {
  let dir = dirname(fileURLToPath(fromUrl));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && /"name":\s*"ksql-etl"/.test(readFileSync(manifest, 'utf8'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No ksql-etl package.json above ${fileURLToPath(fromUrl)}`);
    dir = parent;
  }
}
