import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '../config/temporal.js';
import { tcpAnswers, waitFor } from './probes.js';
import { spawnProcess, stopProcess, type SpawnedProcess } from './processes.js';
import { ensureRetention, ensureSearchAttributes } from './temporal-namespace.js';

export interface TemporalDevServerOptions {
  /** absolute path of the `temporal` CLI (see ensureTemporalCli) */
  binary: string;
  /** frontend gRPC port on 127.0.0.1 */
  port: number;
  /** Web UI port; null = headless */
  uiPort: number | null;
  /** SQLite file that keeps runs across restarts; null = in-memory */
  dbFile: string | null;
  /** created next to `default` when it is another name */
  namespace?: string;
  /** where the server's output goes (appended); without it output is only kept for error messages */
  logFile?: string;
  /** detached servers outlive the calling process (`dev up`); attached ones die with it (tests) */
  detached: boolean;
}

export interface TemporalDevServer {
  pid: number;
  /** `127.0.0.1:<port>`, for Connection.connect and `--address` */
  address: string;
  uiUrl: string | null;
  /** SIGTERM, then SIGKILL after 10 s */
  stop(): Promise<void>;
}

/** Marker found in the server's command line: tells our server apart from a reused pid. */
export const TEMPORAL_PROCESS_MARKER = 'start-dev';
const START_DEADLINE_MS = 60_000;

/**
 * Starts `temporal server start-dev` and resolves once a client can connect and the namespace has
 * the project's search attributes (and, for a persistent database, a 30-day retention).
 */
export async function startTemporalDevServer(opts: TemporalDevServerOptions): Promise<TemporalDevServer> {
  const address = `127.0.0.1:${opts.port}`;
  const namespace = opts.namespace ?? 'default';
  // Otherwise the readiness poll could reach someone else's server before ours fails to bind.
  for (const port of [opts.port, opts.uiPort]) {
    if (port !== null && (await tcpAnswers('127.0.0.1', port, 500))) {
      throw new Error(`Cannot start the Temporal dev server: port ${port} on 127.0.0.1 is already in use`);
    }
  }
  const dbFile = opts.dbFile === null ? null : resolve(opts.dbFile);
  if (dbFile) await mkdir(dirname(dbFile), { recursive: true }); // the server does not create the folder
  if (opts.logFile) await mkdir(dirname(opts.logFile), { recursive: true });

  const proc = spawnProcess({ command: opts.binary, args: serverArgs(opts, namespace, dbFile), logFile: opts.logFile, detached: opts.detached });
  const stop = () => stopProcess(proc.pid, { marker: TEMPORAL_PROCESS_MARKER }).then(() => undefined);
  try {
    const connection = await waitFor({
      what: `the Temporal dev server on ${address}`,
      timeoutMs: START_DEADLINE_MS,
      check: () => tryConnect(opts.port),
      abort: () => exitedError(proc),
    });
    try {
      await ensureSearchAttributes(connection, namespace);
      if (dbFile) await ensureRetention(connection, namespace);
    } finally {
      await connection.close();
    }
  } catch (err) {
    await stop();
    const tail = proc.logTail();
    throw new Error(`${(err as Error).message}${tail ? `\n--- temporal server output (last lines) ---\n${tail}` : ''}`, { cause: err });
  }
  return { pid: proc.pid, address, uiUrl: opts.uiPort === null ? null : `http://127.0.0.1:${opts.uiPort}`, stop };
}

function serverArgs(opts: TemporalDevServerOptions, namespace: string, dbFile: string | null): string[] {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port)];
  args.push(...(opts.uiPort === null ? ['--headless'] : ['--ui-port', String(opts.uiPort)]));
  if (dbFile) args.push('--db-filename', dbFile);
  if (namespace !== 'default') args.push('--namespace', namespace);
  // Only effective when the namespace is created; ensureSearchAttributes covers older databases.
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) args.push('--search-attribute', `${name}=${type}`);
  return args;
}

/**
 * A fresh connection per attempt: one long-lived channel would back off between reconnects and
 * notice the server seconds late. Failed attempts are closed so no handle keeps the CLI alive.
 */
async function tryConnect(port: number): Promise<Connection | undefined> {
  if (!(await tcpAnswers('127.0.0.1', port, 500))) return undefined;
  const connection = Connection.lazy({ address: `127.0.0.1:${port}`, connectTimeout: 1000 });
  try {
    await connection.ensureConnected();
    return connection;
  } catch {
    await connection.close().catch(() => undefined);
    return undefined;
  }
}

function exitedError(proc: SpawnedProcess): Error | undefined {
  const reason = proc.exitReason();
  return reason ? new Error(`The Temporal dev server stopped while starting (${reason})`) : undefined;
}
