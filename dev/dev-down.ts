import { DEV_SERVICE_NAMES, readPid, removePid, type DevContext, type DevServiceName } from './dev-state.js';
import { devServices } from './dev-services.js';
import { isProcessAlive, stopProcess } from './processes.js';

export interface DevDownOptions {
  /** services to stop (default: all); e.g. only what `devUp` reported as started */
  services?: readonly DevServiceName[];
  /** how long each gets between SIGTERM and SIGKILL */
  graceMs?: number;
}

export interface DevDownResult {
  stopped: DevServiceName[];
  /** no pid file, or its process was already gone */
  notRunning: DevServiceName[];
}

/**
 * Stops what `dev up` started, as recorded in its pid files: worker first, Temporal last, so the
 * worker never sees its server vanish under it. Services started by other means are never touched.
 */
export async function devDown(ctx: DevContext, opts: DevDownOptions = {}): Promise<DevDownResult> {
  const wanted = new Set<DevServiceName>(opts.services ?? DEV_SERVICE_NAMES);
  const result: DevDownResult = { stopped: [], notRunning: [] };
  for (const service of devServices(ctx).reverse()) {
    if (!wanted.has(service.name)) continue;
    const pid = readPid(ctx, service.name);
    // The marker check keeps a stale pid file from killing whatever process reused that pid.
    if (pid === undefined || !isProcessAlive(pid, service.marker)) {
      await removePid(ctx, service.name);
      result.notRunning.push(service.name);
      ctx.log(`${service.label}: not running`);
      continue;
    }
    ctx.log(`${service.label}: stopping (pid ${pid})…`);
    await stopProcess(pid, { graceMs: opts.graceMs ?? 10_000, marker: service.marker });
    await removePid(ctx, service.name);
    result.stopped.push(service.name);
    ctx.log(`${service.label}: stopped`);
  }
  return result;
}
