import { ScheduleOverlapPolicy, type ScheduleOptions, type ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import type { retentionWorkflow } from '../../workflows/retention-workflow.js';
import { SCHEDULE_ID_PREFIX, type ScheduleTarget } from './feed-schedule-options.js';

export type RetentionScheduleOptions = ScheduleOptions<ScheduleOptionsStartWorkflowAction<typeof retentionWorkflow>>;

/** What `schedules list/pause/unpause/trigger/delete` call the lake's retention schedule (no feed id has a colon). */
export const RETENTION_SCHEDULE_NAME = 'lake:retention';

const DAY_MS = 86_400_000;
/** Retention runs at 03:00 UTC, after the night's exports of the day before have landed. */
const AT_MS = 3 * 3_600_000;

/** `lake:retention`; under a test's own prefix, `<prefix>lake:retention` so its cleanup finds it. */
export function retentionScheduleId(target: Pick<ScheduleTarget, 'prefix'>): string {
  return target.prefix === SCHEDULE_ID_PREFIX ? RETENTION_SCHEDULE_NAME : `${target.prefix}${RETENTION_SCHEDULE_NAME}`;
}

/** A schedule id from what a person typed: the retention schedule's name, or a feed id. */
export function scheduleIdFor(target: Pick<ScheduleTarget, 'prefix'>, name: string): string {
  return name === RETENTION_SCHEDULE_NAME ? retentionScheduleId(target) : `${target.prefix}${name}`;
}

/**
 * The daily run of retentionWorkflow over every feed in the worker's registry. SKIP on overlap: a
 * run still deleting makes the next one pointless, and deletes are idempotent anyway.
 */
export function retentionScheduleOptions(target: ScheduleTarget): RetentionScheduleOptions {
  const scheduleId = retentionScheduleId(target);
  return {
    scheduleId,
    spec: { intervals: [{ every: DAY_MS, offset: AT_MS }], timezone: 'UTC' },
    action: {
      type: 'startWorkflow',
      workflowType: 'retentionWorkflow',
      taskQueue: target.taskQueue,
      workflowId: scheduleId,
      args: [{}],
      memo: { schedule: 'daily at 03:00 (UTC)' },
      workflowRunTimeout: '6h',
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day', pauseOnFailure: false },
    state: { note: 'created by ksql-etl schedules apply: lake retention for every feed' },
  };
}
