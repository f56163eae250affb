import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '../config/failure-types.js';
import { getFeed } from '../config/load-feeds.js';
import { tableGlob } from '../lake/lake-paths.js';
import { loadSnapshot } from '../warehouse/load-snapshot.js';
import type { ActivityDeps } from './deps.js';
import { keepHeartbeating } from './keep-heartbeating.js';
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
  return classified(() => keepHeartbeating(async () => {
    const feed = getFeed(deps.feeds, input.feed);
    if (feed.kind !== 'table' || !feed.warehouse) {
      throw ApplicationFailure.nonRetryable(`feed ${input.feed} has no warehouse target`, FailureType.BadFeedKind);
    }
    const metadata = await deps.lake.readMetadata('table', feed.id);
    const entry = metadata?.kind === 'table' ? metadata.versions.find((v) => v.version === input.version) : undefined;
    if (!entry) {
      throw ApplicationFailure.nonRetryable(`feed ${feed.id}: version ${input.version} is not in the lake (pruned or never published)`, FailureType.MissingLakeVersion);
    }
    return loadSnapshot(deps.warehouse, deps.lake.duckdb, {
      feedId: feed.id,
      target: feed.warehouse,
      version: entry.version,
      parquet: tableGlob(deps.lake.root, feed.id, entry.version),
      lakeChecksum: entry.checksum,
      expectedRows: entry.rows,
    });
  }));
}
