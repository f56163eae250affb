import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Starts each run's section of a log file. */
const RUN_HEADER = '=== started';

/** A service process we spawned, with enough bookkeeping to explain why it died. */
export interface SpawnedProcess {
  pid: number;
  child: ChildProcess;
  /** set once the process exited or could not be spawned */
  exitReason(): string | undefined;
  /** last lines of its output, for error messages */
  logTail(): string;
}

/**
 * Spawns a long-lived service. With a log file, output goes straight to the file (no pipe), which
 * is what lets a detached child outlive the CLI that started it; without one, output is kept in a
 * small in-memory ring so start failures can still show what the process said.
 */
export function spawnProcess(opts: {
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  logFile?: string;
  detached: boolean;
}): SpawnedProcess {
  // Logs are appended across restarts; the header lets logTail show only this run's lines.
  if (opts.logFile) appendFileSync(opts.logFile, `${RUN_HEADER} ${new Date().toISOString()}: ${opts.command} ${opts.args.join(' ')}\n`);
  const fd = opts.logFile ? openSync(opts.logFile, 'a') : undefined;
  const out = fd ?? (opts.detached ? 'ignore' : 'pipe');
  let child: ChildProcess;
  try {
    child = spawn(opts.command, opts.args, { cwd: opts.cwd, env: opts.env, detached: opts.detached, stdio: ['ignore', out, out] });
  } finally {
    if (fd !== undefined) closeSync(fd); // the child holds its own copy
  }
  let reason: string | undefined;
  let ring = '';
  const keep = (chunk: Buffer) => (ring = (ring + chunk.toString('utf8')).slice(-16_384));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.once('error', (err) => (reason ??= `could not start ${opts.command}: ${err.message}`));
  child.once('exit', (code, signal) => (reason ??= signal ? `killed by ${signal}` : `exited with code ${code}`));
  if (opts.detached) child.unref();
  return {
    pid: child.pid ?? -1,
    child,
    exitReason: () => reason,
    logTail: () => lastLines(opts.logFile ? readTail(opts.logFile) : ring),
  };
}

/** Last `max` lines a service wrote to its log file since it was last started ('' when none). */
export function readTail(file: string, max = 30): string {
  if (!existsSync(file)) return '';
  const text = readFileSync(file, 'utf8');
  const start = text.lastIndexOf(RUN_HEADER);
  return lastLines(start < 0 ? text : text.slice(text.indexOf('\n', start) + 1), max);
}

/** The last `max` lines, and a Go panic's own message above them when its stack trace pushed it out of view. */
function lastLines(text: string, max = 30): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const panicAt = lines.findIndex((l) => /^(panic|fatal error): /.test(l));
  const tail = lines.slice(-max);
  return (panicAt >= 0 && panicAt < lines.length - max ? [lines[panicAt]!, '…', ...tail] : tail).join('\n');
}

/**
 * True when `pid` is a live process (not a zombie) and, if `marker` is given, its command line
 * contains it: a stale pid file whose pid was reused by another program must not count as ours.
 */
export function isProcessAlive(pid: number, marker?: string): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch {
    // ESRCH: gone. EPERM: it exists but belongs to someone else, so it cannot be one we started
    return false;
  }
  try {
    // Containers often lack an init that reaps orphans; a zombie must read as stopped.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (/\)\s+Z\s/.test(stat)) return false;
    if (marker) return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
  } catch {
    // no /proc (macOS): trust the signal check alone
  }
  return true;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone (false if it was not running). */
export async function stopProcess(pid: number, opts: { graceMs?: number; marker?: string } = {}): Promise<boolean> {
  if (!isProcessAlive(pid, opts.marker)) return false;
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone between the check and the signal
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + (opts.graceMs ?? 10_000);
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) return true;
    await sleep(100);
  }
  signal('SIGKILL');
  for (let i = 0; i < 50 && isProcessAlive(pid); i++) await sleep(100);
  return true;
}
