import type { Duration } from '@temporalio/common';
import type { ActivityOptions } from '@temporalio/workflow';
import { NON_RETRYABLE_TYPES } from '../config/failure-types.js';

/**
 * Every timeout and retry policy, each with its reason. The activities already throw terminal
 * errors as non-retryable failures (activities/to-activity-failure.ts); the policy lists the
 * terminal types too, from the one failure table, so a terminal error that reached Temporal
 * without the flag (thrown raw, or from an older worker) still stops at once.
 */
const retry = {
  // ksqlDB restarts and brief network cuts heal in seconds; back off to a minute, keep trying.
  initialInterval: '2s',
  backoffCoefficient: 2,
  maximumInterval: '1m',
  maximumAttempts: 20,
  nonRetryableErrorTypes: [...NON_RETRYABLE_TYPES],
};

/** A pull streams for minutes on a big range; heartbeats (rows, and a timer) show a dead worker in 1 min, not 1 h. */
export const lakeExport: ActivityOptions = {
  startToCloseTimeout: '1h',
  heartbeatTimeout: '1m',
  retry,
};

/**
 * One MySQL transaction per attempt: a retry replays the whole load, which is keyed by version.
 * It heartbeats on a timer (activities/keep-heartbeating.ts), so a dead worker shows in a minute.
 */
export const warehouseLoad: ActivityOptions = {
  startToCloseTimeout: '30m',
  heartbeatTimeout: '1m',
  retry,
};

/** Reads one small JSON file from the lake: if it takes more than a minute, something is wrong. */
export const lakeRead: ActivityOptions = {
  startToCloseTimeout: '1m',
  retry,
};

/** Deletes files of many feeds; a year of hourly slots is ~9,000 unlinks, done in well under ten minutes. */
export const lakeRetention: ActivityOptions = {
  startToCloseTimeout: '30m',
  retry,
};

/**
 * Shorter timeouts for one run, carried in its workflow input (so replay sees the same values): a
 * fault test that kills workers cannot wait a minute for each lost heartbeat. Runs without it get
 * the policies above; nobody in production needs to set it.
 */
export interface ActivityTuning {
  /** how soon a worker that stopped heartbeating counts as dead */
  heartbeatTimeout?: Duration;
  /** first wait before a retry, doubling from there */
  retryInitialInterval?: Duration;
  /** the cap of that doubling */
  retryMaximumInterval?: Duration;
}

/** `options` with the run's tuning applied; the policy itself when there is none. */
export function tuned(options: ActivityOptions, tuning: ActivityTuning | undefined): ActivityOptions {
  if (!tuning) return options;
  return {
    ...options,
    ...(tuning.heartbeatTimeout !== undefined && { heartbeatTimeout: tuning.heartbeatTimeout }),
    retry: {
      ...options.retry,
      ...(tuning.retryInitialInterval !== undefined && { initialInterval: tuning.retryInitialInterval }),
      ...(tuning.retryMaximumInterval !== undefined && { maximumInterval: tuning.retryMaximumInterval }),
    },
  };
}
