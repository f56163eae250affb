import { activityInfo, cancellationSignal } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '../config/failure-types.js';
import { slotRange, slotRangeProblem, type SavedSlotRange, type SlotRange } from '../config/slot-range.js';
import type { StreamFeed } from '../config/feed-schema.js';
import { type StreamSlotsResult, toStreamColumns } from '../lake/index.js';
import { getFeed } from '../config/load-feeds.js';
import type { ActivityDeps } from './deps.js';
import { keepHeartbeating } from './keep-heartbeating.js';
import { currentRun, recordedRun } from './recorded-run.js';
import { recordLakeWrite } from './export-metrics.js';
import { classified } from './to-activity-failure.js';

/** The workflow's slot range, checked again here: it travelled through Temporal as plain JSON. */
export type ExportStreamSlotsInput = SavedSlotRange & {
  /** the workflow run asking: the snapshot's or slot files' identity across activity retries */
  runId: string;
};

/**
 * Counts, not lists: a year-long range has 8,760 hourly slots, and the result lands in workflow
 * history. A slot's file name is a pure function of (feed, slot), so callers derive the files.
 */
export interface ExportStreamSlotsResult {
  /** rows written per slot of `[start, end)`, in order; 0 = no file for that slot */
  slotRows: number[];
  quarantined: number;
  /** where the rows set aside went, named within the lake (for people to read); null when none */
  quarantineFile: string | null;
}

/**
 * One ksqlDB pull for a range of slots, streamed into one Parquet file per slot. ksqlDB scans the
 * whole topic for any stream pull, so a range costs one scan however many slots it covers.
 */
export function exportStreamSlots(deps: ActivityDeps, input: ExportStreamSlotsInput): Promise<ExportStreamSlotsResult> {
  return classified(async () => {
    const feed = getFeed(deps.feeds, input.feed);
    const run = currentRun(feed.id, 'stream', { start: input.start, end: input.end });
    return recordedRun(deps.lake, run, () => keepHeartbeating(async (progress) => {
      if (feed.kind !== 'stream') throw ApplicationFailure.nonRetryable(`feed ${feed.id} is a table, not a stream`, FailureType.BadFeedKind);
      const problem = slotRangeProblem(feed, input);
      if (problem) throw ApplicationFailure.nonRetryable(`feed ${feed.id}: ${problem}`, FailureType.BadSlotRange);
      const range = slotRange(feed, input.start, input.end);
      // Only a retry can find its own run's commit: a first attempt pays nothing for the check.
      const committed = activityInfo().attempt > 1 ? await deps.lake.committedStreamSlots(range, input.runId) : null;
      const written = committed ?? (await pullAndWrite(deps, feed, range, input.runId, (rowsSeen) => progress({ rowsSeen })));
      if (!committed) recordLakeWrite(written);
      return {
        result: { slotRows: written.slots.map((s) => s.rows), quarantined: written.quarantined, quarantineFile: written.quarantineFile },
        counts: { rows: written.rows, quarantined: written.quarantined, bytes: written.bytes, version: null },
      };
    }));
  });
}

/** One ksqlDB pull of the range; the rows stay wire text, for the lake to have DuckDB parse and check them in bulk. */
async function pullAndWrite(deps: ActivityDeps, feed: StreamFeed, range: SlotRange, runId: string, onProgress: (rowsSeen: number) => void): Promise<StreamSlotsResult> {
  const [startMs, endMs] = [Date.parse(range.start), Date.parse(range.end)];
  const sql = `SELECT ROWTIME, * FROM ${feed.source} WHERE ROWTIME >= ${startMs} AND ROWTIME < ${endMs};`;
  const result = await deps.ksql.queryLines(sql, { signal: cancellationSignal() });
  return deps.lake.writeStreamSlots({ feed, range, columns: toStreamColumns(result.columns), rows: result, runId, query: sql, onProgress });
}
