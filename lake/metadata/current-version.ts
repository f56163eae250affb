import type { TableMetadata } from './feed-metadata.js';

/**
 * The version readers of a table feed see: the one its `current` pointer names (moved back by a
 * rollback, forward by each new snapshot), or the newest for metadata written before the pointer
 * existed. Null before the first snapshot.
 */
export function currentVersion(metadata: TableMetadata): number | null {
  if (metadata.current !== undefined) return metadata.current;
  return metadata.versions.length === 0 ? null : Math.max(...metadata.versions.map((v) => v.version));
}
