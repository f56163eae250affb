import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { ApplicationFailure } from '@temporalio/common';
import { failureType, recordActivityOutcome } from '../activities/export-metrics.js';
import { feedOfArgs } from '../workflows/feed-of-args.js';

/**
 * Around every activity attempt: its feed on every log line and metric it emits (next to the SDK's
 * workflow id, run id and activity type), one line when it starts and one when it ends, and the
 * duration and failure metrics. Activities themselves only report what they wrote.
 */
export const activityInterceptors: ActivityInterceptorsFactory = (ctx) => {
  let feed: string | undefined;
  return {
    inbound: {
      async execute(input, next) {
        feed = feedOfArgs(input.args);
        ctx.log.info('activity started', { attempt: ctx.info.attempt });
        const began = Date.now();
        try {
          const result = await next(input);
          recordActivityOutcome(Date.now() - began);
          ctx.log.info('activity completed', { durationMs: Date.now() - began });
          return result;
        } catch (err) {
          recordActivityOutcome(Date.now() - began, err);
          // The reason Temporal will retry (or not): the next attempt's `activity started` follows it.
          ctx.log.warn('activity failed', {
            durationMs: Date.now() - began,
            errorType: failureType(err),
            error: err instanceof Error ? err.message : String(err),
            retryable: !(err instanceof ApplicationFailure && err.nonRetryable),
            cancelled: ctx.cancellationSignal.aborted,
          });
          throw err;
        }
      },
    },
    outbound: {
      // The task token (200 characters of base64) is only of use to async completion, which no activity does.
      getLogAttributes: ({ taskToken: _, ...attributes }, next) => next(feed === undefined ? attributes : { ...attributes, feed }),
      getMetricTags: (tags, next) => next(feed === undefined ? tags : { ...tags, feed }),
    },
  };
};
