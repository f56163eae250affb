import { setTimeout as delay } from 'node:timers/promises';

export type Followed<T> =
  | { kind: 'finished'; value: T }
  /** the caller stopped watching (Ctrl-C); the workflow goes on in Temporal */
  | { kind: 'detached' }
  /** `timeoutMs` passed first; the workflow goes on in Temporal */
  | { kind: 'timedOut' };

export interface FollowOptions {
  /** aborted (by Ctrl-C) = stop watching, never cancel the workflow */
  signal: AbortSignal;
  pollMs?: number;
  timeoutMs?: number;
  /** called between polls, e.g. to query or describe the workflow and show its progress */
  tick: () => Promise<void>;
}

/**
 * Waits for a workflow's result, calling `tick` every poll, until it settles, the caller detaches
 * or the time is up. A failed result is rethrown, unless the caller had detached first. `result`
 * gets a signal aborted on return: pass it to `client.withAbortSignal` so the result's long poll
 * does not hold the process for ~20 s after we stop watching.
 */
export async function follow<T>(result: (stop: AbortSignal) => Promise<T>, opts: FollowOptions): Promise<Followed<T>> {
  const stop = new AbortController();
  try {
    return await followUntil(result(stop.signal), opts);
  } finally {
    stop.abort();
  }
}

async function followUntil<T>(result: Promise<T>, opts: FollowOptions): Promise<Followed<T>> {
  const finished = result.then((value): Followed<T> => ({ kind: 'finished', value }));
  finished.catch(() => {});
  const detached = new Promise<Followed<T>>((resolve) => {
    if (opts.signal.aborted) resolve({ kind: 'detached' });
    opts.signal.addEventListener('abort', () => resolve({ kind: 'detached' }), { once: true });
  });
  const deadline = opts.timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + opts.timeoutMs;
  for (;;) {
    const wait = Math.min(opts.pollMs ?? 1000, Math.max(0, deadline - Date.now()));
    const outcome = await Promise.race([finished, detached, delay(wait).then(() => null)]);
    if (outcome) return outcome;
    if (Date.now() >= deadline) return { kind: 'timedOut' };
    await opts.tick();
  }
}
