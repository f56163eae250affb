import type { Feed } from '../../config/feed-schema.js';
import { DURATION_PATTERN, durationMs } from '../../config/duration-ms.js';
import type { BackfillInput } from '../../workflows/backfill-workflow.js';
import { UsageError } from '../usage-error.js';

/** An instant needs its zone written out: `2026-10-01T00:00` alone would be the machine's local time. */
export const ZONED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/i;

export interface BackfillOptions {
  from: string;
  to: string;
  chunk: string;
  concurrency: number;
  missingOnly: boolean;
}

/**
 * The workflow input for a backfill, or a UsageError naming the option and its value: checked
 * before Temporal is dialled, so a bad range never becomes a failed run.
 */
export function backfillInput(feed: Feed, options: BackfillOptions, now: Date): BackfillInput {
  if (feed.kind === 'table') {
    throw new UsageError(`${feed.id} is a table feed: a table has no past; run \`ksql-etl run ${feed.id}\` for a snapshot`);
  }
  const slotMs = durationMs(feed.slot);
  const fromMs = slotInstant('--from', options.from, feed.slot, slotMs);
  const toMs = slotInstant('--to', options.to, feed.slot, slotMs);
  if (toMs <= fromMs) throw new UsageError(`--to ${options.to} must come after --from ${options.from}`);
  const currentSlotEnd = (Math.floor(now.getTime() / slotMs) + 1) * slotMs;
  if (toMs > currentSlotEnd) {
    throw new UsageError(`--to ${options.to} is in the future: at most ${new Date(currentSlotEnd).toISOString()}, the end of the current ${feed.slot} slot`);
  }
  if (!DURATION_PATTERN.test(options.chunk)) throw new UsageError(`--chunk ${options.chunk} is not a duration like 6h or 1d`);
  const chunkMs = durationMs(options.chunk);
  if (chunkMs % slotMs !== 0) throw new UsageError(`--chunk ${options.chunk} must be a whole number of ${feed.id}'s ${feed.slot} slots`);
  return {
    feed: feed.id,
    start: new Date(fromMs).toISOString(),
    end: new Date(toMs).toISOString(),
    slotMs,
    chunkMs,
    concurrency: options.concurrency,
    missingOnly: options.missingOnly,
  };
}

function slotInstant(option: string, value: string, slot: string, slotMs: number): number {
  const ms = ZONED_INSTANT.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new UsageError(`${option} ${value} is not an ISO instant with a zone, like 2026-10-01T00:00:00Z`);
  if (ms % slotMs !== 0) throw new UsageError(`${option} ${value} is not on a ${slot} slot boundary`);
  return ms;
}
