import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { logFile, shownPath, stateDir, type DevContext, type DevServiceName } from './dev-state.js';
import { httpOk, isLocalHost, splitHostPort, tcpAnswers, waitFor } from './probes.js';
import { spawnProcess, stopProcess, type SpawnedProcess } from './processes.js';
import { ensureSeaweedfs } from './ensure-seaweedfs.js';
import { ensureTemporalCli } from './ensure-temporal-cli.js';
import { freeSeaweedfsPorts, SEAWEEDFS_CREDENTIALS, startSeaweedfsServer } from './seaweedfs-server.js';
import { startTemporalDevServer, TEMPORAL_PROCESS_MARKER } from './temporal-dev-server.js';
import { withWorkerMemorySettings } from '../worker/process-memory.js';

/**
 * The dev stand-in holds "yesterday and today": yesterday as a fixed generated day, today as
 * live transactions up to the current time, so new rows keep arriving while `dev up` runs.
 */
const standinArgs = (port: number) => ['--port', String(port), '--start', 'today-1d', '--days', '1', '--live'];

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

/** The services, in start order, with addresses taken from `ctx.env`. */
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
            startNodeService(ctx, 'standin', 'dist/standin/main.js', standinArgs(ksqlPort), ctx.processEnv, (proc) =>
              waitFor({ what: `GET ${infoUrl}`, timeoutMs: 30_000, check: async () => ((await httpOk(infoUrl)) ? true : undefined), abort: () => died(proc) }),
            ),
    },
    s3Service(ctx),
    {
      name: 'worker',
      label: 'ksql-etl worker',
      address: `task queue ${ctx.env.TEMPORAL_TASK_QUEUE} @ ${ctx.env.TEMPORAL_ADDRESS}`,
      marker: 'client/cli.js',
      start: () =>
        startNodeService(ctx, 'worker', 'dist/client/cli.js', ['worker'], withWorkerMemorySettings(ctx.processEnv), async (proc) => {
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

/** Where `dev up --s3` serves S3 when no endpoint is set: SeaweedFS's own default port. */
export const DEV_S3_ENDPOINT = 'http://127.0.0.1:8333';
/** The bucket made when LAKE_DIR does not name one. */
const DEV_S3_BUCKET = 'ksql-etl';

/**
 * SeaweedFS (master, volume, filer, S3 gateway) for a lake in S3 on this machine: on the port of
 * AWS_ENDPOINT_URL(_S3) (default 8333), with LAKE_DIR's bucket created, data in DEV_STATE_DIR/s3.
 * Its other ports are picked free at start; only the S3 port is anyone's business.
 */
function s3Service(ctx: DevContext): DevService {
  const endpoint = new URL(ctx.env.AWS_ENDPOINT_URL_S3 ?? ctx.env.AWS_ENDPOINT_URL ?? DEV_S3_ENDPOINT);
  const port = Number(endpoint.port || 80);
  const bucket = ctx.env.LAKE_DIR.startsWith('s3://') ? ctx.env.LAKE_DIR.slice('s3://'.length).split('/')[0]! : DEV_S3_BUCKET;
  return {
    name: 's3',
    label: 'S3 server (SeaweedFS)',
    address: `${endpoint.origin} (bucket ${bucket})`,
    marker: `-s3.port=${port}`,
    answers: () => tcpAnswers(endpoint.hostname, port),
    start: !isLocalHost(endpoint.hostname)
      ? null
      : async () => {
          const binary = await ensureSeaweedfs({ toolsDir: join(ctx.projectRoot, '.tools'), log: ctx.log, env: ctx.processEnv });
          const ports = { ...(await freeSeaweedfsPorts()), s3: port };
          const server = await startSeaweedfsServer({ binary, dataDir: join(stateDir(ctx), 's3'), ports, bucket, logFile: logFile(ctx, 's3'), detached: true });
          if (!ctx.env.LAKE_DIR.startsWith('s3://')) {
            ctx.log(`S3 is up; to put the lake there: LAKE_DIR=s3://${bucket}/lake AWS_ENDPOINT_URL=${endpoint.origin} AWS_ACCESS_KEY_ID=${SEAWEEDFS_CREDENTIALS.accessKeyId} AWS_SECRET_ACCESS_KEY=${SEAWEEDFS_CREDENTIALS.secretAccessKey}`);
          }
          return server.pid;
        },
  };
}

/** `node <script> ...args` from the repo root, detached, output to `<state>/<name>.log`. */
async function startNodeService(
  ctx: DevContext,
  name: DevServiceName,
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: (proc: SpawnedProcess) => Promise<unknown>,
): Promise<number> {
  const path = join(ctx.projectRoot, script);
  if (!existsSync(path)) throw new Error(`${script} is missing: run \`npm run build\` first`);
  const log = logFile(ctx, name);
  const proc = spawnProcess({ command: process.execPath, args: [path, ...args], cwd: ctx.projectRoot, env, logFile: log, detached: true });
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
