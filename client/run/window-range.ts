import { durationMs } from '../../config/duration-ms.js';
import type { StreamFeed } from '../../config/feed-schema.js';
import { slotRange, type SlotRange } from '../../config/slot-range.js';
import { instantOption } from '../common/instant-option.js';
import { UsageError } from '../common/usage-error.js';

/** A window: `--from` and `--to` as typed on the command line (ISO instants with a zone), either may be left out. */
export interface Window {
  from?: string;
  to?: string;
}

/**
 * A window as the range of a stream feed's slots it names, checked before anything is dialled:
 * zoned instants on slot boundaries, in order, and ending no later than the current slot (its rows
 * are still coming). `--from` alone means one slot; neither means the last complete slot before
 * `now`. The one place the command line turns a window into a `SlotRange`.
 */
export function windowRange(feed: StreamFeed, window: Window, now: Date): SlotRange {
  const slotMs = durationMs(feed.slot);
  if (window.to !== undefined && window.from === undefined) throw new UsageError(`--to ${window.to} needs --from`);
  const boundary = (option: string, value: string) => {
    const ms = instantOption(option, value);
    if (ms % slotMs !== 0) {
      const floor = new Date(Math.floor(ms / slotMs) * slotMs).toISOString();
      throw new UsageError(`${option} ${value} is not on a boundary of ${feed.id}'s ${feed.slot} slots (e.g. ${floor})`);
    }
    return ms;
  };
  const currentSlotStart = Math.floor(now.getTime() / slotMs) * slotMs;
  const startMs = window.from === undefined ? currentSlotStart - slotMs : boundary('--from', window.from);
  const endMs = window.to === undefined ? startMs + slotMs : boundary('--to', window.to);
  if (endMs <= startMs) throw new UsageError(`--to ${window.to} must come after --from ${window.from}`);
  const latest = currentSlotStart + slotMs;
  if (endMs > latest) {
    const option = window.to === undefined ? '--from' : '--to';
    throw new UsageError(`${option} ${window.to ?? window.from} is in the future: the range may end at ${new Date(latest).toISOString()} at the latest (the end of the current ${feed.slot} slot)`);
  }
  return slotRange(feed, new Date(startMs).toISOString(), new Date(endMs).toISOString());
}
