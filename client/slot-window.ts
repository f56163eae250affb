import { durationMs } from '../config/duration-ms.js';
import type { StreamFeed } from '../config/feed-schema.js';
import { zonedInstantMs } from '../config/zoned-instant.js';
import { UsageError } from './usage-error.js';

/** The one parser of instants typed on the command line; a UsageError names the option and the form. */
export function instantOption(option: string, value: string): number {
  const ms = zonedInstantMs(value);
  if (ms === null) throw new UsageError(`${option} ${value}: expected an ISO-8601 instant with a zone, like 2026-11-24T10:00:00Z or 2026-11-24T11:00:00+01:00`);
  return ms;
}

export interface SlotWindow {
  startMs: number;
  endMs: number;
  slotMs: number;
}

/**
 * `[--from, --to)` as a stream feed's slots, checked before anything is dialled: zoned instants on
 * slot boundaries, in order, and ending no later than the current slot (its rows are still coming).
 * `--from` alone means one slot; neither means the last complete slot before `now`.
 */
export function slotWindow(feed: StreamFeed, opts: { from?: string; to?: string }, now: Date): SlotWindow {
  const slotMs = durationMs(feed.slot);
  if (opts.to !== undefined && opts.from === undefined) throw new UsageError(`--to ${opts.to} needs --from`);
  const boundary = (option: string, value: string) => {
    const ms = instantOption(option, value);
    if (ms % slotMs !== 0) {
      const floor = new Date(Math.floor(ms / slotMs) * slotMs).toISOString();
      throw new UsageError(`${option} ${value} is not on a boundary of ${feed.id}'s ${feed.slot} slots (e.g. ${floor})`);
    }
    return ms;
  };
  const currentSlotStart = Math.floor(now.getTime() / slotMs) * slotMs;
  const startMs = opts.from === undefined ? currentSlotStart - slotMs : boundary('--from', opts.from);
  const endMs = opts.to === undefined ? startMs + slotMs : boundary('--to', opts.to);
  if (endMs <= startMs) throw new UsageError(`--to ${opts.to} must come after --from ${opts.from}`);
  const latest = currentSlotStart + slotMs;
  if (endMs > latest) {
    const option = opts.to === undefined ? '--from' : '--to';
    throw new UsageError(`${option} ${opts.to ?? opts.from} is in the future: the range may end at ${new Date(latest).toISOString()} at the latest (the end of the current ${feed.slot} slot)`);
  }
  return { startMs, endMs, slotMs };
}
