import { durationMs } from './duration-ms.js';
import type { Feed } from './feed-schema.js';

/**
 * How long after a slot's end its scheduled export may still be on its way: the schedule starts a
 * slot's run a few minutes after the slot closes, and the run takes a minute or two.
 */
export const SCHEDULE_DELAY_MS = 15 * 60_000;

/**
 * The feed's freshness bound in ms: its `maxLag`, else for a stream two slots plus the schedule's
 * delay (one slot may be late without an alarm, two may not); null for a table without `maxLag`.
 */
export function maxLagMs(feed: Feed): number | null {
  if (feed.maxLag) return durationMs(feed.maxLag);
  return feed.kind === 'stream' ? 2 * durationMs(feed.slot) + SCHEDULE_DELAY_MS : null;
}
