import { ScheduleAlreadyRunning, ScheduleNotFoundError, type Client, type ScheduleDescription, type ScheduleOptions } from '@temporalio/client';
import type { FeedRegistry } from '../../config/load-feeds.js';
import { feedScheduleOptions, SCHEDULE_ID_PREFIX, scheduleIdOf, type ScheduleTarget } from './feed-schedule-options.js';
import { RETENTION_SCHEDULE_NAME, retentionScheduleOptions } from './retention-schedule-options.js';
import { listScheduleIds } from './list-schedule-ids.js';
import { fingerprintOfDescription, fingerprintOfOptions } from './schedule-fingerprint.js';

export interface ApplyOptions extends Partial<Pick<ScheduleTarget, 'prefix'>>, Pick<ScheduleTarget, 'taskQueue'> {
  /** the feeds folder, named in each schedule's memo */
  feedsDir: string;
  /** delete the schedules of feeds that have no file any more (otherwise they are reported as orphaned) */
  prune?: boolean;
}

export interface ScheduleChange {
  feed: string;
  scheduleId: string;
  outcome: 'created' | 'updated' | 'unchanged' | 'orphaned' | 'deleted';
}

// (`feed` of a change is the feed id, or `lake:retention` for the retention schedule.)

/**
 * Makes Temporal hold one schedule per feed file, as the file says. Applying twice changes
 * nothing; a schedule's paused state and note are the operator's and survive an update.
 */
export async function applySchedules(client: Client, feeds: FeedRegistry, options: ApplyOptions): Promise<ScheduleChange[]> {
  const target: ScheduleTarget = { prefix: options.prefix ?? SCHEDULE_ID_PREFIX, taskQueue: options.taskQueue, feedsDir: options.feedsDir };
  const changes: ScheduleChange[] = [];
  for (const feed of feeds.values()) {
    const desired = feedScheduleOptions(feed, target);
    const outcome = await ensureSchedule(client, desired).catch((err: unknown) => {
      throw new Error(`feed ${feed.id}: Temporal did not accept its schedule (${(err as Error).message}); check \`schedule\` in ${desired.memo?.feedFile}`, { cause: err });
    });
    changes.push({ feed: feed.id, scheduleId: desired.scheduleId, outcome });
  }
  // One more, not a feed's: the lake's daily retention.
  const retention = retentionScheduleOptions(target);
  changes.push({ feed: RETENTION_SCHEDULE_NAME, scheduleId: retention.scheduleId, outcome: await ensureSchedule(client, retention) });
  const known = new Set([...feeds.keys()].map((id) => scheduleIdOf(target, id)).concat(retention.scheduleId));
  for (const scheduleId of await listScheduleIds(client, target.prefix)) {
    if (known.has(scheduleId)) continue;
    if (options.prune) await client.schedule.getHandle(scheduleId).delete();
    changes.push({ feed: scheduleId.slice(target.prefix.length), scheduleId, outcome: options.prune ? 'deleted' : 'orphaned' });
  }
  return changes;
}

async function ensureSchedule(client: Client, desired: ScheduleOptions): Promise<'created' | 'updated' | 'unchanged'> {
  const handle = client.schedule.getHandle(desired.scheduleId);
  let current = await describeIfExists(client, desired.scheduleId);
  if (!current) {
    try {
      await client.schedule.create(desired);
      return 'created';
    } catch (err) {
      // Another `apply` created it in between: compare with that one instead.
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      current = await handle.describe();
    }
  }
  if (fingerprintOfDescription(current) === fingerprintOfOptions(desired)) return 'unchanged';
  await handle.update((prev) => ({
    spec: desired.spec,
    action: desired.action,
    policies: desired.policies,
    state: prev.state,
    typedSearchAttributes: prev.typedSearchAttributes,
  }));
  return 'updated';
}

async function describeIfExists(client: Client, scheduleId: string): Promise<ScheduleDescription | null> {
  try {
    return await client.schedule.getHandle(scheduleId).describe();
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return null;
    throw err;
  }
}

/** One line per feed, e.g. `transaction_stream  unchanged  (feed:transaction_stream)`. */
export function describeChanges(changes: readonly ScheduleChange[]): string[] {
  return changes.map((c) => {
    const hint = c.outcome === 'orphaned' ? '  no feed file: delete with `ksql-etl schedules apply --prune`' : '';
    return `${c.feed.padEnd(34)} ${c.outcome.padEnd(9)} (${c.scheduleId})${hint}`;
  });
}
