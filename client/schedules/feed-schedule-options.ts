import { join } from 'node:path';
import { ScheduleOverlapPolicy, type ScheduleOptions, type ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import { durationMs } from '../../config/duration-ms.js';
import type { Feed } from '../../config/feed-schema.js';
import { feedSchedule } from '../../config/feed-schedule.js';
import type { ScheduledExportInput, scheduledExportWorkflow } from '../../workflows/scheduled-export-workflow.js';
import { SA_FEED } from '../../workflows/search-attributes.js';

export type FeedScheduleOptions = ScheduleOptions<ScheduleOptionsStartWorkflowAction<typeof scheduledExportWorkflow>>;

/** Where the schedules of one registry live: tests give theirs a prefix and task queue of their own. */
export interface ScheduleTarget {
  /** schedule ids are `<prefix><feed>`; only ids with this prefix are ever listed, pruned or deleted */
  prefix: string;
  taskQueue: string;
  /** the feeds folder, named in each schedule's memo */
  feedsDir: string;
}

export const SCHEDULE_ID_PREFIX = 'feed:';

// Spreads feeds that share a cadence over half a minute, so ksqlDB is not hit by all at once.
// Windows come from the *nominal* time, which jitter does not move.
const JITTER = '30s';
// After an outage, missed times up to a day old still run (then the overlap policy keeps at most
// one running and one waiting); older gaps are what a backfill is for.
const CATCHUP_WINDOW = '1 day';
// A run past this is stuck (an export takes minutes); ending it lets the buffered one start.
const RUN_TIMEOUT = '6h';

export const scheduleIdOf = (target: Pick<ScheduleTarget, 'prefix'>, feedId: string): string => `${target.prefix}${feedId}`;

/** The Temporal Schedule one feed file asks for: the same feed file always gives the same options. */
export function feedScheduleOptions(feed: Feed, target: ScheduleTarget): FeedScheduleOptions {
  const schedule = feedSchedule(feed);
  const scheduleId = scheduleIdOf(target, feed.id);
  const feedFile = join(target.feedsDir, `${feed.id}.json`);
  // Streams BUFFER_ONE: each scheduled time stands for its own window, so skipping a time (SKIP)
  // would leave that window unexported; buffering one runs it as soon as the slow run ends.
  // Tables SKIP: a snapshot is of "now", so a run skipped while another runs would only repeat it.
  const overlap = feed.kind === 'stream' ? ScheduleOverlapPolicy.BUFFER_ONE : ScheduleOverlapPolicy.SKIP;
  return {
    scheduleId,
    spec: {
      // An interval's offset is the delay: a 1h schedule 5m late fires at 10:05 for [09:00, 10:00).
      ...(schedule.cadence === 'cron'
        ? { cronExpressions: [schedule.cron] }
        : { intervals: [{ every: schedule.everyMs, offset: schedule.delayMs % schedule.everyMs }] }),
      timezone: schedule.timezone,
      jitter: JITTER,
    },
    action: {
      type: 'startWorkflow',
      workflowType: 'scheduledExportWorkflow',
      taskQueue: target.taskQueue,
      // The server appends `-<scheduled time>`; the export itself runs under its canonical `export:` id.
      workflowId: scheduleId,
      args: [scheduledExportInput(feed, schedule.delayMs, schedule.cadence === 'every' ? schedule.everyMs : null)],
      typedSearchAttributes: [{ key: SA_FEED, value: feed.id }],
      memo: { feedFile, schedule: schedule.text },
      workflowRunTimeout: RUN_TIMEOUT,
    },
    // pauseOnFailure off: one failed window must not stop the next ones; failures show per feed in the Web UI.
    policies: { overlap, catchupWindow: CATCHUP_WINDOW, pauseOnFailure: false },
    memo: { feedFile },
    state: { note: `created from ${feedFile} by ksql-etl schedules apply` },
  };
}

/** A cron schedule exports one slot per run; an interval schedule exports one interval. */
function scheduledExportInput(feed: Feed, delayMs: number, everyMs: number | null): ScheduledExportInput {
  if (feed.kind === 'table') return { feed: feed.id, kind: 'table' };
  const slotMs = durationMs(feed.slot);
  return { feed: feed.id, kind: 'stream', slotMs, delayMs, windowMs: everyMs ?? slotMs };
}
