import { cancellationSignal } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { durationMs } from '../config/duration.js';
import { getFeed } from '../config/load-feeds.js';
import { toLakeColumns } from '../lake/row-encoder.js';
import type { SlotResult } from '../lake/write-stream-slots.js';
import type { ActivityDeps } from './deps.js';
import { keepHeartbeating } from './keep-heartbeating.js';
import { classified } from './to-activity-failure.js';

export interface ExportStreamSlotsInput {
  feed: string;
  /** ISO instants on slot boundaries: the slots `[start, end)` to export */
  start: string;
  end: string;
  /** the workflow run asking: the snapshot's or slot files' identity across activity retries */
  runId: string;
}

export interface ExportStreamSlotsResult {
  rows: number;
  quarantined: number;
  /** lake files written, relative to the feed's stream dir */
  files: string[];
  slots: SlotResult[];
  /** rows set aside, relative to the lake root; null when none */
  quarantineFile: string | null;
}

/**
 * One ksqlDB pull for a range of slots, streamed into one Parquet file per slot. ksqlDB scans the
 * whole topic for any stream pull, so a range costs one scan however many slots it covers.
 */
export function exportStreamSlots(deps: ActivityDeps, input: ExportStreamSlotsInput): Promise<ExportStreamSlotsResult> {
  return classified(() => keepHeartbeating(async (progress) => {
    const feed = getFeed(deps.feeds, input.feed);
    if (feed.kind !== 'stream') throw ApplicationFailure.nonRetryable(`feed ${feed.id} is a table, not a stream`, 'BadFeedKind');
    const { startMs, endMs } = slotRange(input, durationMs(feed.slot));
    const sql = `SELECT ROWTIME, * FROM ${feed.source} WHERE ROWTIME >= ${startMs} AND ROWTIME < ${endMs};`;
    const result = await deps.ksql.query(sql, { signal: cancellationSignal() });
    const written = await deps.lake.writeStreamSlots({
      feed,
      startMs,
      endMs,
      columns: toLakeColumns(result.columns),
      rows: result.rows,
      runId: input.runId,
      onProgress: (rowsSeen) => progress({ rowsSeen }),
    });
    return { rows: written.rows, quarantined: written.quarantined, files: written.files, slots: written.slots, quarantineFile: written.quarantineFile };
  }));
}

function slotRange(input: ExportStreamSlotsInput, slotMs: number): { startMs: number; endMs: number } {
  const startMs = Date.parse(input.start);
  const endMs = Date.parse(input.end);
  const problem =
    Number.isNaN(startMs) || Number.isNaN(endMs)
      ? `start "${input.start}" and end "${input.end}" must be ISO instants`
      : startMs % slotMs !== 0 || endMs % slotMs !== 0
        ? `start ${input.start} and end ${input.end} must lie on ${slotMs / 60_000}-minute slot boundaries`
        : endMs <= startMs
          ? `end ${input.end} must come after start ${input.start}`
          : null;
  if (problem) throw ApplicationFailure.nonRetryable(`feed ${input.feed}: ${problem}`, 'BadSlotRange');
  return { startMs, endMs };
}
