import { cancellationSignal } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '../config/failure-types.js';
import { getFeed } from '../config/load-feeds.js';
import { toLakeColumns } from '../lake/row-encoder.js';
import type { ActivityDeps } from './deps.js';
import { keepHeartbeating } from './keep-heartbeating.js';
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
  prunedVersions: number[];
  /** where the rows set aside went, named within the lake (for people to read); null when none */
  quarantineFile: string | null;
  /** whether the feed names a warehouse fact table to load */
  loadsWarehouse: boolean;
}

/** A full scan of a ksqlDB table, published in the lake as the next `version=N`. */
export function exportTableSnapshot(deps: ActivityDeps, input: ExportTableSnapshotInput): Promise<ExportTableSnapshotResult> {
  return classified(() => keepHeartbeating(async (progress) => {
    const feed = getFeed(deps.feeds, input.feed);
    if (feed.kind !== 'table') throw ApplicationFailure.nonRetryable(`feed ${feed.id} is a stream, not a table`, FailureType.BadFeedKind);
    const result = await deps.ksql.query(`SELECT * FROM ${feed.source};`, { signal: cancellationSignal() });
    const snapshot = await deps.lake.writeTableSnapshot({
      feed,
      columns: toLakeColumns(result.columns),
      rows: result.rows,
      runId: input.runId,
      onProgress: (rowsSeen) => progress({ rowsSeen }),
    });
    recordLakeWrite(snapshot);
    return {
      version: snapshot.version,
      rows: snapshot.rows,
      quarantined: snapshot.quarantined,
      path: snapshot.path,
      prunedVersions: snapshot.prunedVersions,
      quarantineFile: snapshot.quarantineFile,
      loadsWarehouse: feed.warehouse !== undefined,
    };
  }));
}
