import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { FeedConfigError, UnknownFeedError } from './errors.js';
import { feedSchema, type Feed } from './feed-schema.js';
import { parseJson, readJsonFile } from './read-json-file.js';

export type FeedRegistry = ReadonlyMap<string, Feed>;

/** Reads and validates every `*.json` in the feeds folder; the first bad file stops the load. */
export async function loadFeeds(dir: string): Promise<FeedRegistry> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const feeds = new Map<string, Feed>();
  for (const file of files) {
    const feed = await loadFeedFile(join(dir, file));
    feeds.set(feed.id, feed);
  }
  return feeds;
}

/** Validates one feed file; errors name the file and each bad field path. */
export async function loadFeedFile(path: string): Promise<Feed> {
  return checkFeedId(path, await readJsonFile(path, feedSchema));
}

/** A feed file's content, validated as `loadFeedFile` would (for callers that hold the JSON already). */
export function parseFeed(path: string, raw: unknown): Feed {
  return checkFeedId(path, parseJson(path, raw, feedSchema));
}

function checkFeedId(path: string, feed: Feed): Feed {
  const expectedId = basename(path, '.json');
  if (feed.id !== expectedId) {
    throw new FeedConfigError(path, [`id: "${feed.id}" must equal the file name "${expectedId}"`]);
  }
  return feed;
}

export function getFeed(feeds: FeedRegistry, id: string): Feed {
  const feed = feeds.get(id);
  if (!feed) throw new UnknownFeedError(id, [...feeds.keys()]);
  return feed;
}
