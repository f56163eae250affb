import { readdir } from 'node:fs/promises';
import { quotedIdentifier, quotedString } from '@duckdb/node-api';
import { currentVersion } from './current-version.js';
import { readFeedMetadata, type FeedMetadata } from './feed-metadata.js';
import { kindDir, metadataPath, streamGlob, tableGlob } from './lake-paths.js';

/**
 * One `CREATE TEMP VIEW <feed>` per feed that holds data, so SQL over the lake names feeds, never
 * files: a stream over all its date partitions (with `date` from the hive path), a table on its
 * current version. Feeds are found through their `_metadata.json`, which is written after the data.
 */
export async function feedViewStatements(root: string): Promise<string[]> {
  const statements: string[] = [];
  for (const kind of ['stream', 'table'] as const) {
    for (const feedId of await subdirectories(kindDir(root, kind))) {
      const metadata = await readFeedMetadata(metadataPath(root, kind, feedId));
      const source = metadata && viewSource(root, metadata);
      if (source) statements.push(`CREATE TEMP VIEW ${quotedIdentifier(metadata.feed)} AS SELECT * FROM ${source}`);
    }
  }
  return statements;
}

/** The view's `read_parquet(…)`, or null when the feed has no file yet (an empty glob is an error). */
function viewSource(root: string, metadata: FeedMetadata): string | null {
  if (metadata.kind === 'stream') {
    if (!Object.values(metadata.slots).some((s) => s.file !== null)) return null;
    return `read_parquet(${quotedString(streamGlob(root, metadata.feed))}, hive_partitioning = true)`;
  }
  const current = currentVersion(metadata);
  if (current === null) return null;
  return `read_parquet(${quotedString(tableGlob(root, metadata.feed, current))}, hive_partitioning = false)`;
}

async function subdirectories(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}
