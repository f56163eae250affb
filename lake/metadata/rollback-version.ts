import { currentVersion } from './current-version.js';
import { LakeVersionError } from '../common/errors.js';
import { updateFeedMetadata, type RollbackEntry, type TableMetadata } from './feed-metadata.js';
import { metadataKey } from '../common/lake-paths.js';
import type { ObjectStore } from '../storage/object-store.js';

/**
 * Points a table feed's readers at `version`, an earlier (or later) version the lake still keeps,
 * with one metadata commit (compare-and-swap), and records who moved it and when. Nothing is
 * deleted or renumbered: the next snapshot still gets a number above every earlier one.
 */
export async function rollbackVersion(store: ObjectStore, feedId: string, version: number, by: string): Promise<RollbackEntry> {
  return updateFeedMetadata<TableMetadata, RollbackEntry>(store, metadataKey('table', feedId), (metadata) => {
    if (!metadata) throw new LakeVersionError(`feed ${feedId} has no table snapshot in the lake`);
    if (!metadata.versions.some((v) => v.version === version)) {
      const kept = metadata.versions.map((v) => v.version).sort((a, b) => a - b).join(', ');
      const why = metadata.pruned.includes(version) ? 'was deleted by retention' : 'was never published';
      throw new LakeVersionError(`feed ${feedId}: version ${version} ${why}; the lake keeps ${kept || 'none'}`);
    }
    const entry: RollbackEntry = { from: currentVersion(metadata), to: version, by, at: new Date().toISOString() };
    metadata.current = version;
    metadata.rollbacks = [...(metadata.rollbacks ?? []), entry];
    return { next: metadata, result: entry };
  });
}
