import { z } from 'zod';
import { durationMs } from './duration-ms.js';
import type { StreamFeed } from './feed-schema.js';

/**
 * A whole number of a stream feed's slots, `[start, end)`: what one export run covers. Computed and
 * checked once (`slotRange`), then carried as plain JSON by the command line, the workflow input
 * and the activity input, so nobody downstream recomputes slot sizes.
 */
export const slotRangeSchema = z
  .object({
    /** the stream feed's id */
    feed: z.string().min(1),
    /** first slot's start: a UTC ISO instant as `Date.toISOString()` writes it */
    start: z.iso.datetime(),
    /** end of the last slot (exclusive), same form */
    end: z.iso.datetime(),
    /** the feed's slot size when the range was made */
    slotMs: z.number().int().positive(),
  })
  .superRefine((range, ctx) => {
    const problem = boundaryProblem(Date.parse(range.start), Date.parse(range.end), range.slotMs, range);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export type SlotRange = z.infer<typeof slotRangeSchema>;

/** A slot range as workflow histories may hold it: runs started before ranges carried `slotMs` lack it. */
export type SavedSlotRange = Omit<SlotRange, 'slotMs'> & { slotMs?: number };

/**
 * The range of `feed`'s slots from `start` to `end` (default: one slot), with both instants
 * normalised to UTC. Throws a RangeError that names the feed and what is wrong.
 */
export function slotRange(feed: StreamFeed, start: string, end?: string): SlotRange {
  const slotMs = durationMs(feed.slot);
  const startMs = Date.parse(start);
  const endText = end ?? (Number.isNaN(startMs) ? start : new Date(startMs + slotMs).toISOString());
  const problem = slotRangeProblem(feed, { start, end: endText });
  if (problem) throw new RangeError(`feed ${feed.id} has ${feed.slot} slots: ${problem}`);
  return slotRangeSchema.parse({ feed: feed.id, start: new Date(startMs).toISOString(), end: new Date(Date.parse(endText)).toISOString(), slotMs });
}

/**
 * Why `[start, end)` is not a range of `feed`'s slots, or null when it is: the command line's check
 * (through `slotRange`) and the activity's re-check of a range that travelled through Temporal.
 * `slotMs`, when given, must still be the feed's slot size (files are named by slot).
 */
export function slotRangeProblem(feed: StreamFeed, range: Pick<SavedSlotRange, 'start' | 'end' | 'slotMs'>): string | null {
  const slotMs = durationMs(feed.slot);
  if (range.slotMs !== undefined && range.slotMs !== slotMs) {
    return `the range was made for ${range.slotMs / 60_000}-minute slots, the feed now has ${feed.slot} slots`;
  }
  const startMs = Date.parse(range.start);
  if (Number.isNaN(startMs)) return `start "${range.start}" is not an ISO instant like 2026-11-24T10:00:00Z`;
  const endMs = Date.parse(range.end);
  if (Number.isNaN(endMs)) return `end "${range.end}" is not an ISO instant like 2026-11-24T11:00:00Z`;
  return boundaryProblem(startMs, endMs, slotMs, range);
}

function boundaryProblem(startMs: number, endMs: number, slotMs: number, text: { start: string; end: string }): string | null {
  if (startMs % slotMs !== 0 || endMs % slotMs !== 0) {
    return `start ${text.start} and end ${text.end} must lie on ${slotMs / 60_000}-minute slot boundaries`;
  }
  if (endMs <= startMs) return `end ${text.end} must come after start ${text.start}`;
  return null;
}
