import { connect, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Cheap "is something there" checks shared by the dev services. Each answers within its timeout
 * and never throws, so status tables and "already running" checks stay fast when a port is dead.
 */

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]', '0.0.0.0']);

/** True for hosts `dev up` may start a service on (it never touches another machine). */
export function isLocalHost(host: string): boolean {
  return LOCAL_HOSTS.has(host.toLowerCase());
}

/** `host:port` → parts; the port falls back to `defaultPort` when missing. */
export function splitHostPort(address: string, defaultPort: number): { host: string; port: number } {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(address.trim());
  if (!match) throw new Error(`Not a host:port address: ${address}`);
  return { host: match[1] ?? '127.0.0.1', port: match[2] ? Number(match[2]) : defaultPort };
}

/** Resolves true when a TCP connection to host:port is accepted within `timeoutMs`. */
export function tcpAnswers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: host.replace(/^\[|\]$/g, ''), port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Resolves true when `GET url` answers 200 within `timeoutMs`. */
export async function httpOk(url: string, timeoutMs = 1000): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    return res.status === 200;
  } catch {
    return false;
  }
}

/**
 * Polls `check` until it returns a value other than undefined. `abort` is consulted between polls
 * so a caller can give up early (e.g. the process it waits for has died) with its own error.
 */
export async function waitFor<T>(opts: {
  what: string;
  timeoutMs: number;
  intervalMs?: number;
  check: () => Promise<T | undefined>;
  abort?: () => Error | undefined;
}): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const early = opts.abort?.();
    if (early) throw early;
    const value = await opts.check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${Math.round(opts.timeoutMs / 1000)} s waiting for ${opts.what}`);
    }
    await sleep(opts.intervalMs ?? 250);
  }
}

/** A TCP port that was free a moment ago on 127.0.0.1 (the OS picks it); the caller should retry if it is taken by then. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not read the port the OS picked'))));
    });
  });
}
