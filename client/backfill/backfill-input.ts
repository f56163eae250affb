import type { Feed } from '../../config/feed-schema.js';
import { DURATION_PATTERN, durationMs } from '../../config/duration-ms.js';
import type { BackfillInput } from '../../workflows/backfill-workflow.js';
import { windowRange } from '../run/window-range.js';
import { UsageError } from '../common/usage-error.js';

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
  const range = windowRange(feed, options, now);
  if (!DURATION_PATTERN.test(options.chunk)) throw new UsageError(`--chunk ${options.chunk} is not a duration like 6h or 1d`);
  const chunkMs = durationMs(options.chunk);
  if (chunkMs % range.slotMs !== 0) throw new UsageError(`--chunk ${options.chunk} must be a whole number of ${feed.id}'s ${feed.slot} slots`);
  return {
    ...range,
    chunkMs,
    concurrency: options.concurrency,
    missingOnly: options.missingOnly,
  };
}
