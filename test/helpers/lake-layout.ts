import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type FeedMetadata, feedMetadataSchema } from '../../lake/index.js';

/**
 * Where the lake keeps a feed's files, spelled out here rather than taken from lake/, so tests that
 * open files check the layout instead of re-deriving it. Production code asks the lake instead.
 */
export function streamDirOf(lakeRoot: string, feedId: string): string {
  return join(lakeRoot, 'streams', feedId);
}

export function tableDirOf(lakeRoot: string, feedId: string): string {
  return join(lakeRoot, 'tables', feedId);
}

/** A local lake's `_metadata.json` of one feed, read from its file; null before the first export. */
export async function readLocalFeedMetadata(lakeRoot: string, kind: 'stream' | 'table', feedId: string): Promise<FeedMetadata | null> {
  const text = await readFile(join(lakeRoot, kind === 'stream' ? 'streams' : 'tables', feedId, '_metadata.json'), 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  return text === null ? null : feedMetadataSchema.parse(JSON.parse(text));
}
