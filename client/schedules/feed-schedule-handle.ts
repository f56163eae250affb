import { ScheduleNotFoundError, type Client, type ScheduleHandle } from '@temporalio/client';
import { UnknownFeedError } from '../../config/errors.js';
import type { FeedRegistry } from '../../config/load-feeds.js';
import { UsageError } from '../common/usage-error.js';
import { RETENTION_SCHEDULE_NAME } from './retention-schedule-options.js';

/**
 * Runs `fn` on one feed's schedule. A missing schedule is reported as what to do: an unknown feed
 * names the known ones, a known feed without a schedule asks for `schedules apply`. A schedule
 * whose feed file is gone (orphaned) can still be paused, triggered or deleted.
 */
export async function withFeedSchedule<T>(
  client: Client,
  feeds: FeedRegistry,
  scheduleId: string,
  feedId: string,
  fn: (handle: ScheduleHandle) => Promise<T>,
): Promise<T> {
  try {
    return await fn(client.schedule.getHandle(scheduleId));
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
    if (feedId === RETENTION_SCHEDULE_NAME) throw new UsageError(`no retention schedule (${scheduleId}): run \`ksql-etl schedules apply\``);
    if (!feeds.has(feedId)) throw new UnknownFeedError(feedId, [...feeds.keys()]);
    throw new UsageError(`feed ${feedId} has no schedule (${scheduleId}): run \`ksql-etl schedules apply\``);
  }
}
