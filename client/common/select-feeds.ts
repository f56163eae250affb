import type { Feed } from '../../config/feed-schema.js';
import { getFeed, loadFeeds } from '../../config/load-feeds.js';

/** The one feed named, or every feed of the registry (by id) when none is. */
export async function selectFeeds(feedsDir: string, feedId: string | undefined): Promise<Feed[]> {
  const registry = await loadFeeds(feedsDir);
  return feedId ? [getFeed(registry, feedId)] : [...registry.values()].sort((a, b) => a.id.localeCompare(b.id));
}
