import type { Feed } from '../../config/feed-schema.js';
import { slotRange, type SlotRange } from '../../config/slot-range.js';

/** The slots of stream feed `feed` from `start` to `end` (default one slot), for tests that start exports. */
export function streamRange(feed: Feed, start: string, end?: string): SlotRange {
  if (feed.kind !== 'stream') throw new Error(`${feed.id} is a table feed, it has no slots`);
  return slotRange(feed, start, end);
}
