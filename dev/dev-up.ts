import { mkdir } from 'node:fs/promises';
import { temporalUiUrl } from '../config/env.js';
import { maskCredentials } from '../config/mask-credentials.js';
import { defaultDevServices, livePid, logFile, shownPath, stateDir, writePid, type DevContext, type DevServiceName } from './dev-state.js';
import { devServices, type DevService, type DevServiceOptions } from './dev-services.js';
import { ensureMariaDb } from './ensure-mariadb.js';

export interface DevUpOptions extends DevServiceOptions {
  /** services to bring up (default: defaultDevServices); MariaDB is always ensured */
  services?: readonly DevServiceName[];
}

export interface DevUpResult {
  /** started by this call: what a caller such as `demo` stops when it is done */
  started: DevServiceName[];
  /** started by an earlier `dev up` and still running */
  alreadyRunning: DevServiceName[];
  /** answering, but not started by `dev up`: left alone */
  external: DevServiceName[];
  mariadb: 'already-running' | 'started';
  uiUrl: string;
}

/** Thrown when a service fails to start; `started` lists what this call had already started. */
export class DevUpError extends Error {
  override name = 'DevUpError';
  constructor(
    message: string,
    readonly started: DevServiceName[],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Starts whatever of MariaDB, the Temporal dev server, the ksqlDB stand-in and the worker is not
 * running yet, detached, so they outlive this process. Services it did not start are never touched.
 */
export async function devUp(ctx: DevContext, opts: DevUpOptions = {}): Promise<DevUpResult> {
  await mkdir(stateDir(ctx), { recursive: true });
  const mariadb = await ensureMariaDb({ url: ctx.env.MYSQL_URL, log: ctx.log });
  ctx.log(`MariaDB: ${mariadb === 'started' ? 'started' : 'already running'} at ${maskCredentials(ctx.env.MYSQL_URL)}`);

  const result: DevUpResult = { started: [], alreadyRunning: [], external: [], mariadb, uiUrl: temporalUiUrl(ctx.env) };
  const wanted = new Set<DevServiceName>(opts.services ?? defaultDevServices(ctx.env));
  for (const service of devServices(ctx, opts)) {
    if (!wanted.has(service.name)) continue;
    try {
      result[await bringUp(ctx, service)].push(service.name);
    } catch (err) {
      throw new DevUpError((err as Error).message, result.started, { cause: err });
    }
  }
  if (wanted.has('temporal')) ctx.log(`Temporal Web UI: ${result.uiUrl}`);
  return result;
}

async function bringUp(ctx: DevContext, service: DevService): Promise<'started' | 'alreadyRunning' | 'external'> {
  const { label, address } = service;
  const log = shownPath(ctx, logFile(ctx, service.name));
  const pid = await livePid(ctx, service.name, service.marker);
  const answering = service.answers ? await service.answers() : undefined;
  if (pid !== undefined) {
    // Ours but deaf: hung or half-started. Starting a second copy would only fight it for the port.
    if (answering === false) {
      throw new Error(`${label} (pid ${pid}, started by dev up) is running but ${address} does not answer; see ${log}, or run \`ksql-etl dev down\` and try again`);
    }
    ctx.log(`${label}: already running (pid ${pid}) at ${address}`);
    return 'alreadyRunning';
  }
  if (answering) {
    ctx.log(`${label}: already running at ${address}, not started by dev up: left alone`);
    return 'external';
  }
  if (!service.start) throw new Error(`${label} at ${address} does not answer, and dev up only starts services on this machine`);
  ctx.log(`${label}: starting…`);
  const started = await service.start();
  await writePid(ctx, service.name, started);
  ctx.log(`${label}: started (pid ${started}) at ${address}, log ${log}`);
  return 'started';
}
