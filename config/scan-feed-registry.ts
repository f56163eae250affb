import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Feed } from './feed-schema.js';
import { loadFeedFile, type FeedRegistry } from './load-feeds.js';

export interface FeedRegistryScan {
  /** the feed files that passed validation */
  feeds: FeedRegistry;
  /** one entry per file that did not, each naming the file and its bad fields */
  problems: Array<{ file: string; message: string }>;
}

/**
 * Validates every `*.json` in the feeds folder and keeps going past a bad one, so a person sees
 * every file to fix at once (`loadFeeds` stops at the first, which is right for a run).
 */
export async function scanFeedRegistry(dir: string): Promise<FeedRegistryScan> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const feeds = new Map<string, Feed>();
  const problems: FeedRegistryScan['problems'] = [];
  for (const file of files) {
    try {
      const feed = await loadFeedFile(join(dir, file));
      feeds.set(feed.id, feed);
    } catch (err) {
      problems.push({ file, message: (err as Error).message });
    }
  }
  return { feeds, problems };
}
