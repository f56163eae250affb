import { ContinueAsNew, isCancellation, log, type WorkflowInterceptorsFactory } from '@temporalio/workflow';
import { feedOfArgs } from './feed-of-args.js';

/**
 * Workflow interceptors the worker bundles with the workflows (worker/workflow-code.ts): every line
 * a workflow logs carries its feed next to the SDK's workflow id and run id, and each run logs how
 * it ended. Logs go through the SDK's sink, so replays do not log twice.
 */
export const interceptors: WorkflowInterceptorsFactory = () => {
  let feed: string | undefined;
  return {
    inbound: [
      {
        async execute(input, next) {
          feed = feedOfArgs(input.args);
          log.info('workflow started');
          try {
            const result = await next(input);
            log.info('workflow completed');
            return result;
          } catch (err) {
            if (err instanceof ContinueAsNew) log.info('workflow continued as new');
            else if (isCancellation(err)) log.info('workflow cancelled');
            else log.warn('workflow failed', { error: err instanceof Error ? err.message : String(err) });
            throw err;
          }
        },
      },
    ],
    outbound: [
      {
        getLogAttributes: (attributes, next) => next(feed === undefined ? attributes : { ...attributes, feed }),
      },
    ],
  };
};
