import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '../config/failure-types.js';
import { getFeed } from '../config/load-feeds.js';
import { loadSnapshot } from '../warehouse/load-snapshot.js';
import type { ActivityDeps } from './deps.js';
import { keepHeartbeating } from './keep-heartbeating.js';
import { recordWarehouseLoad } from './export-metrics.js';
import { classified } from './to-activity-failure.js';

export interface LoadWarehouseSnapshotInput {
  feed: string;
  version: number;
}

export interface LoadWarehouseSnapshotResult {
  rows: number;
  alreadyLoaded: boolean;
}

/** Loads a published lake version into the feed's fact table (one MySQL transaction). */
export function loadWarehouseSnapshot(deps: ActivityDeps, input: LoadWarehouseSnapshotInput): Promise<LoadWarehouseSnapshotResult> {
  return classified(() => keepHeartbeating(async (progress) => {
    const feed = getFeed(deps.feeds, input.feed);
    if (feed.kind !== 'table' || !feed.warehouse) {
      throw ApplicationFailure.nonRetryable(`feed ${input.feed} has no warehouse target`, FailureType.BadFeedKind);
    }
    const entry = await deps.lake.findVersion(feed.id, input.version);
    if (!entry) {
      throw ApplicationFailure.nonRetryable(`feed ${feed.id}: version ${input.version} is not in the lake (pruned or never published)`, FailureType.MissingLakeVersion);
    }
    const loaded = await loadSnapshot(deps.warehouse, deps.lake, {
      feedId: feed.id,
      target: feed.warehouse,
      version: entry.version,
      lakeChecksum: entry.checksum,
      expectedRows: entry.rows,
    }, { progress });
    recordWarehouseLoad(loaded);
    return loaded;
  }));
}
