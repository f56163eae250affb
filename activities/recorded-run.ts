import { activityInfo } from '@temporalio/activity';
import type { Lake, RunRecord } from '../lake/index.js';
import { failureType } from './export-metrics.js';

/** Which attempt of which run an export record belongs to, and what it covers. */
export type RunIdentity = Pick<RunRecord, 'feed' | 'kind' | 'workflowId' | 'runId' | 'attempt' | 'window'>;

/** What a finished export wrote, for its record. */
export interface RunCounts {
  rows: number;
  quarantined: number;
  bytes: number;
  version: number | null;
}

/** The identity of the running activity's attempt, from Temporal's activity context. */
export function currentRun(feed: string, kind: RunRecord['kind'], window: RunRecord['window']): RunIdentity {
  const { workflowExecution, attempt } = activityInfo();
  // Activities here always run inside a workflow; the SDK's type also allows standalone ones.
  return { feed, kind, window, workflowId: workflowExecution?.workflowId ?? 'none', runId: workflowExecution?.runId ?? 'none', attempt };
}

/** Long enough for any message the libraries write; a cap so a runaway message cannot bloat the log. */
const MAX_MESSAGE = 2_000;

/**
 * Runs one export attempt and adds its record to the feed's run log, failed attempts too, so the
 * status report can tell "failed" from "never ran". The failure's own error is rethrown unchanged;
 * a log that cannot be written then does not hide it.
 */
export async function recordedRun<T>(lake: Pick<Lake, 'recordRun'>, run: RunIdentity, fn: () => Promise<{ result: T; counts: RunCounts }>): Promise<T> {
  const startedAt = new Date();
  const record = (outcome: Pick<RunRecord, 'outcome' | 'error'> & RunCounts): RunRecord => ({
    ...run,
    ...outcome,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
  });
  let done: { result: T; counts: RunCounts };
  try {
    done = await fn();
  } catch (err) {
    const error = { type: failureType(err), message: (err instanceof Error ? err.message : String(err)).slice(0, MAX_MESSAGE) };
    await lake.recordRun(record({ outcome: 'failed', error, rows: 0, quarantined: 0, bytes: 0, version: null })).catch(() => undefined);
    throw err;
  }
  await lake.recordRun(record({ outcome: 'succeeded', error: null, ...done.counts }));
  return done.result;
}
