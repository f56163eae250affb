import type { SlotRange } from '../../config/slot-range.js';
import { slotFileRelative } from './lake-paths.js';

/**
 * The files a stream export wrote, from its per-slot row counts (`slotRows[i]` for the range's
 * i-th slot; 0 = no file): a slot's file name is a pure function of (feed, slot). Names are for
 * people to read, relative to the feed; only the lake opens them.
 */
export function slotFileNames(range: SlotRange, slotRows: readonly number[]): string[] {
  const startMs = Date.parse(range.start);
  return slotRows.flatMap((rows, i) => (rows > 0 ? [slotFileRelative(range.feed, startMs + i * range.slotMs)] : []));
}
