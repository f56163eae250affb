import type { Env } from '../../config/env.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { withWorkerMemorySettings } from '../../worker/process-memory.js';
import { REPO_ROOT } from './services.js';

/** One JSON log line of the worker (pino), as parsed. */
export type LogLine = Record<string, unknown> & { msg: string; level: number };

export interface WorkerProcess {
  readonly proc: ChildProcess;
  /** every JSON line printed so far */
  readonly lines: LogLine[];
  /** resolves with the first line (seen or to come) that matches */
  waitForLine(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** resolves with the exit code once the process has exited */
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * `node dist/client/cli.js worker` as a deployment runs it (build first), with exactly the
 * environment given plus PATH. stderr is kept for the failure message.
 */
/** The settings a test's worker process needs to join its suite: same Temporal queue, ksqlDB, MySQL, lake and feeds. */
export function workerEnvOf(env: Pick<Env, 'TEMPORAL_ADDRESS' | 'TEMPORAL_TASK_QUEUE' | 'KSQLDB_URL' | 'MYSQL_URL' | 'LAKE_DIR' | 'FEEDS_DIR'>): Record<string, string> {
  const { TEMPORAL_ADDRESS, TEMPORAL_TASK_QUEUE, KSQLDB_URL, MYSQL_URL, LAKE_DIR, FEEDS_DIR } = env;
  return { TEMPORAL_ADDRESS, TEMPORAL_TASK_QUEUE, KSQLDB_URL, MYSQL_URL, LAKE_DIR, FEEDS_DIR };
}

export function startWorkerProcess(env: Record<string, string>): WorkerProcess {
  const proc = spawn(process.execPath, [join(REPO_ROOT, 'dist/client/cli.js'), 'worker'], {
    cwd: REPO_ROOT,
    // As `ksql-etl dev up` and the Docker image start it: with the worker's memory settings.
    env: withWorkerMemorySettings({ PATH: process.env.PATH ?? '', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  proc.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: proc.stdout! }).on('line', (text) => {
    try {
      lines.push(JSON.parse(text) as LogLine);
    } catch {
      lines.push({ msg: text, level: 0 });
    }
    for (const wake of waiters) wake();
  });
  const exited = once(proc, 'exit').then(([code]) => code as number | null);
  void exited.then(() => waiters.forEach((wake) => wake()));

  function waitForLine(match: (line: LogLine) => boolean, timeoutMs = 60_000): Promise<LogLine> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`no matching worker log line in ${timeoutMs} ms; stderr:\n${stderr}`)), timeoutMs);
      const check = () => {
        const line = lines.find(match);
        if (line) done(null, line);
        else if (proc.exitCode !== null) done(new Error(`worker exited (${proc.exitCode}) first; stderr:\n${stderr}`));
      };
      function done(err: Error | null, line?: LogLine) {
        clearTimeout(timer);
        waiters.delete(check);
        if (err) reject(err);
        else resolve(line!);
      }
      waiters.add(check);
      check();
    });
  }

  return {
    proc,
    lines,
    waitForLine,
    exited,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGKILL');
        await exited;
      }
    },
  };
}
