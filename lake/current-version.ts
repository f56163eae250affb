import type { TableMetadata } from './feed-metadata.js';

/**
 * The version a table feed's readers see, or null before its first snapshot. Today the newest kept
 * version; every reader asks here, so a recorded `current` pointer (rollback) changes one place.
 */
export function currentVersion(metadata: TableMetadata): number | null {
  return metadata.versions.length === 0 ? null : Math.max(...metadata.versions.map((v) => v.version));
}
