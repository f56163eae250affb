import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TASK_QUEUE } from '../config/temporal.js';
import { logFile, shownPath, stateDir, type DevContext, type DevServiceName } from './dev-state.js';
import { httpOk, isLocalHost, splitHostPort, tcpAnswers, waitFor } from './probes.js';
import { spawnProcess, stopProcess, type SpawnedProcess } from './processes.js';
import { ensureTemporalCli } from './ensure-temporal-cli.js';
import { startTemporalDevServer, TEMPORAL_PROCESS_MARKER } from './temporal-dev-server.js';

/** How `dev up`, `dev down` and `dev status` see one service. */
export interface DevService {
  name: DevServiceName;
  label: string;
  /** where it is reached, for tables and messages */
  address: string;
  /** text in its command line: tells our process apart from a pid reused by another program */
  marker: string;
  /** whether something answers at `address`; absent for the worker, which listens on nothing */
  answers?: () => Promise<boolean>;
  /** starts it detached and resolves with its pid once ready; null when the address is not local */
  start: (() => Promise<number>) | null;
}

export interface DevServiceOptions {
  /** how long the worker must stay alive to count as started (it has no port to probe) */
  workerGraceMs?: number;
}

/** The three services, in start order, with addresses taken from `ctx.env`. */
export function devServices(ctx: DevContext, opts: DevServiceOptions = {}): DevService[] {
  const temporal = splitHostPort(ctx.env.TEMPORAL_ADDRESS, 7233);
  const ksql = new URL(ctx.env.KSQLDB_URL);
  const ksqlPort = Number(ksql.port || (ksql.protocol === 'https:' ? 443 : 80));
  const infoUrl = `${ksql.origin}${ksql.pathname.replace(/\/$/, '')}/info`;
  return [
    {
      name: 'temporal',
      label: 'Temporal dev server',
      address: ctx.env.TEMPORAL_ADDRESS,
      marker: TEMPORAL_PROCESS_MARKER,
      answers: () => tcpAnswers(temporal.host, temporal.port),
      start: !isLocalHost(temporal.host)
        ? null
        : async () => {
            const binary = await ensureTemporalCli({ toolsDir: join(ctx.projectRoot, '.tools'), log: ctx.log, env: ctx.processEnv });
            const server = await startTemporalDevServer({
              binary,
              port: temporal.port,
              uiPort: ctx.env.TEMPORAL_UI_PORT,
              dbFile: join(stateDir(ctx), 'temporal.db'),
              namespace: ctx.env.TEMPORAL_NAMESPACE,
              logFile: logFile(ctx, 'temporal'),
              detached: true,
            });
            return server.pid;
          },
    },
    {
      name: 'standin',
      label: 'ksqlDB stand-in',
      address: ctx.env.KSQLDB_URL,
      marker: 'standin/main.js',
      answers: () => httpOk(infoUrl),
      start: !isLocalHost(ksql.hostname)
        ? null
        : () =>
            startNodeService(ctx, 'standin', 'dist/standin/main.js', ['--port', String(ksqlPort)], (proc) =>
              waitFor({ what: `GET ${infoUrl}`, timeoutMs: 30_000, check: async () => ((await httpOk(infoUrl)) ? true : undefined), abort: () => died(proc) }),
            ),
    },
    {
      name: 'worker',
      label: 'ksql-etl worker',
      address: `task queue ${TASK_QUEUE} @ ${ctx.env.TEMPORAL_ADDRESS}`,
      marker: 'client/cli.js',
      start: () =>
        startNodeService(ctx, 'worker', 'dist/client/cli.js', ['worker'], async (proc) => {
          // Nothing to probe: a worker that survives the grace period got past config and connection errors.
          const deadline = Date.now() + (opts.workerGraceMs ?? 3000);
          while (Date.now() < deadline) {
            const err = died(proc);
            if (err) throw err;
            await sleep(100);
          }
          const err = died(proc);
          if (err) throw err;
        }),
    },
  ];
}

/** `node <script> ...args` from the repo root, detached, output to `<state>/<name>.log`. */
async function startNodeService(
  ctx: DevContext,
  name: DevServiceName,
  script: string,
  args: string[],
  ready: (proc: SpawnedProcess) => Promise<unknown>,
): Promise<number> {
  const path = join(ctx.projectRoot, script);
  if (!existsSync(path)) throw new Error(`${script} is missing: run \`npm run build\` first`);
  const log = logFile(ctx, name);
  const proc = spawnProcess({ command: process.execPath, args: [path, ...args], cwd: ctx.projectRoot, env: ctx.processEnv, logFile: log, detached: true });
  try {
    await ready(proc);
  } catch (err) {
    await stopProcess(proc.pid);
    const tail = proc.logTail();
    throw new Error(`${name} did not start: ${(err as Error).message} (log: ${shownPath(ctx, log)})${tail ? `\n${tail}` : ''}`, { cause: err });
  }
  return proc.pid;
}

function died(proc: SpawnedProcess): Error | undefined {
  const reason = proc.exitReason();
  return reason ? new Error(`the process ${reason}`) : undefined;
}
