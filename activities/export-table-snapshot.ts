import { cancellationSignal } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '../config/failure-types.js';
import { getFeed } from '../config/load-feeds.js';
import { toLakeColumns } from '../lake/index.js';
import type { ActivityDeps } from './deps.js';
import { keepHeartbeating } from './keep-heartbeating.js';
import { currentRun, recordedRun } from './recorded-run.js';
import { recordLakeWrite } from './export-metrics.js';
import { classified } from './to-activity-failure.js';

export interface ExportTableSnapshotInput {
  feed: string;
  /** the workflow run asking: the snapshot's or slot files' identity across activity retries */
  runId: string;
}

export interface ExportTableSnapshotResult {
  version: number;
  rows: number;
  quarantined: number;
  /** the version directory, relative to the feed's table dir */
  path: string;
  /** where the rows set aside went, named within the lake (for people to read); null when none */
  quarantineFile: string | null;
  /** whether the feed names a warehouse fact table to load */
  loadsWarehouse: boolean;
}

/** A full scan of a ksqlDB table, published in the lake as the next `version=N`. */
export function exportTableSnapshot(deps: ActivityDeps, input: ExportTableSnapshotInput): Promise<ExportTableSnapshotResult> {
  return classified(async () => {
    const feed = getFeed(deps.feeds, input.feed);
    return recordedRun(deps.lake, currentRun(feed.id, 'table', null), () => keepHeartbeating(async (progress) => {
      if (feed.kind !== 'table') throw ApplicationFailure.nonRetryable(`feed ${feed.id} is a stream, not a table`, FailureType.BadFeedKind);
      const sql = `SELECT * FROM ${feed.source};`;
      const result = await deps.ksql.query(sql, { signal: cancellationSignal() });
      const snapshot = await deps.lake.writeTableSnapshot({
        feed,
        columns: toLakeColumns(result.columns),
        rows: result.rows,
        runId: input.runId,
        query: sql,
        onProgress: (rowsSeen) => progress({ rowsSeen }),
      });
      recordLakeWrite(snapshot);
      const exported = {
        version: snapshot.version,
        rows: snapshot.rows,
        quarantined: snapshot.quarantined,
        path: snapshot.path,
        quarantineFile: snapshot.quarantineFile,
        loadsWarehouse: feed.warehouse !== undefined,
      };
      return { result: exported, counts: { rows: snapshot.rows, quarantined: snapshot.quarantined, bytes: snapshot.bytes, version: snapshot.version } };
    }));
  });
}
