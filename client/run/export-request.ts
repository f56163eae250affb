import { durationMs } from '../../config/duration-ms.js';
import type { Feed } from '../../config/feed-schema.js';
import type { ExportRequest } from './start-export.js';
import { UsageError } from '../common/usage-error.js';
import { windowRange, type Window } from './window-range.js';

/**
 * What `run` asks of one feed, checked before anything is dialled: a window only for a stream (a
 * table run is a whole snapshot), as the range of its slots, no longer than `maxRange` (RUN_MAX_RANGE).
 */
export function exportRequestFor(feed: Feed, window: Window, now: Date, maxRange: string): ExportRequest {
  if (feed.kind === 'table') {
    const given = window.from !== undefined ? '--from' : window.to !== undefined ? '--to' : null;
    if (given) throw new UsageError(`${given} applies to stream feeds only: ${feed.id} is a table feed, each run takes a whole snapshot`);
    return { now };
  }
  const range = windowRange(feed, window, now);
  const spanMs = Date.parse(range.end) - Date.parse(range.start);
  if (spanMs > durationMs(maxRange)) {
    throw new UsageError(`--from ${range.start} --to ${range.end} spans ${spanMs / 3_600_000}h, more than RUN_MAX_RANGE (${maxRange}): ` +
      `export it in chunks with \`ksql-etl backfill ${feed.id} --from ${range.start} --to ${range.end}\`, or raise RUN_MAX_RANGE`);
  }
  return { range };
}
