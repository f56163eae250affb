import { durationMs } from './duration-ms.js';
import type { Feed } from './feed-schema.js';

/** A stream waits this long after a window ends for late events, unless its file says otherwise. */
export const DEFAULT_STREAM_DELAY = '5m';
/** A table is snapshotted hourly unless its file says otherwise. */
export const DEFAULT_TABLE_EVERY = '1h';

/** A feed's schedule with every default filled in: what `schedules apply` turns into a Temporal Schedule. */
export type FeedSchedule = {
  timezone: string;
  /** how long after its end a stream window is exported (0 for tables) */
  delayMs: number;
  /** one human line, e.g. `every 1h, 5m late (UTC)`: shown by `schedules list`, kept in the run's memo */
  text: string;
} & ({ cadence: 'every'; every: string; everyMs: number } | { cadence: 'cron'; cron: string });

/** The feed's `schedule` field, or the defaults: a stream every slot after 5 minutes, a table every hour. */
export function feedSchedule(feed: Feed): FeedSchedule {
  const timezone = feed.schedule?.timezone ?? 'UTC';
  const delay = feed.kind === 'stream' ? (feed.schedule?.delay ?? DEFAULT_STREAM_DELAY) : '0';
  const delayMs = delay === '0' ? 0 : durationMs(delay);
  const late = delayMs > 0 ? `, ${delay} late` : '';
  if (feed.schedule?.cron) {
    return { cadence: 'cron', cron: feed.schedule.cron, timezone, delayMs, text: `cron "${feed.schedule.cron}"${late} (${timezone})` };
  }
  const every = feed.schedule?.every ?? (feed.kind === 'stream' ? feed.slot : DEFAULT_TABLE_EVERY);
  return { cadence: 'every', every, everyMs: durationMs(every), timezone, delayMs, text: `every ${every}${late} (${timezone})` };
}
