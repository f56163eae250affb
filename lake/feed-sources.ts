import { join } from 'node:path';
import type { StreamMetadata, TableMetadata } from './feed-metadata.js';
import { streamDir, tableGlob } from './lake-paths.js';

/**
 * The Parquet a feed's query views read, taken from its `_metadata.json` and never from a listing
 * of the lake: the one place an object-store lake swaps for local copies of the objects it fetched.
 * Every path keeps its hive segment (`date=…`, `version=…`), which is what lets DuckDB prune.
 */
export function streamFiles(root: string, metadata: StreamMetadata): string[] {
  return Object.values(metadata.slots)
    .flatMap((slot) => (slot.file === null ? [] : [join(streamDir(root, metadata.feed), slot.file)]))
    .sort();
}

/** One glob per kept version (`…/version=N/*.parquet`), oldest first. */
export function versionGlobs(root: string, metadata: TableMetadata): string[] {
  return metadata.versions
    .map((v) => v.version)
    .sort((a, b) => a - b)
    .map((version) => tableGlob(root, metadata.feed, version));
}
