import { loadSnapshot, type SnapshotLoadResult } from '../../warehouse/load-snapshot.js';
import { UsageError } from '../common/usage-error.js';
import { warehouseFeeds, type Stores } from './open-stores.js';

/** `warehouse load`: one lake version (default: the current one) into the feed's fact table. */
export async function loadVersion(stores: Stores, feedId: string, version?: number): Promise<SnapshotLoadResult & { version: number; table: string }> {
  const [feed] = warehouseFeeds(stores.feeds, feedId);
  const entry = await stores.lake.findVersion(feed!.id, version);
  if (!entry) throw new UsageError(`feed ${feedId}: ${version === undefined ? 'the lake holds no version yet' : `version ${version} is not in the lake (pruned or never published)`}`);
  const result = await loadSnapshot(stores.warehouse, stores.lake, {
    feedId: feed!.id,
    target: feed!.warehouse!,
    version: entry.version,
    lakeChecksum: entry.checksum,
    expectedRows: entry.rows,
  });
  return { ...result, version: entry.version, table: feed!.warehouse!.fact };
}
