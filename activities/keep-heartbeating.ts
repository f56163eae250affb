import { Context, heartbeat } from '@temporalio/activity';

const EVERY_MS = 10_000;

/** Every 10 s, or a third of a shorter heartbeat timeout (a run's tuning) so a live worker is never taken for dead. */
function defaultEveryMs(): number {
  const timeoutMs = Context.current().info.heartbeatTimeoutMs;
  return timeoutMs ? Math.min(EVERY_MS, Math.max(100, Math.floor(timeoutMs / 3))) : EVERY_MS;
}

/**
 * Heartbeats on a timer for as long as `fn` runs, carrying the latest progress. Rows alone are not
 * enough: a DuckDB COPY of a long range or a big MySQL load sends none for minutes, and the
 * heartbeat timeout would take that for a dead worker.
 */
export async function keepHeartbeating<T>(
  fn: (progress: (details: Record<string, unknown>) => void) => Promise<T>,
  everyMs = defaultEveryMs(),
): Promise<T> {
  let latest: Record<string, unknown> = {};
  const progress = (details: Record<string, unknown>) => {
    latest = details;
    heartbeat(latest);
  };
  const timer = setInterval(() => heartbeat(latest), everyMs);
  try {
    return await fn(progress);
  } finally {
    clearInterval(timer);
  }
}
