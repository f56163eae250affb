import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { FeedConfigError, UnknownFeedError } from './errors.js';
import { feedSchema, type Feed } from './feed-schema.js';

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
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new FeedConfigError(path, [`not valid JSON (${(err as Error).message})`]);
  }
  return parseFeed(path, raw);
}

export function parseFeed(path: string, raw: unknown): Feed {
  const parsed = feedSchema.safeParse(raw);
  if (!parsed.success) throw new FeedConfigError(path, describeIssues(parsed.error));
  const expectedId = basename(path, '.json');
  if (parsed.data.id !== expectedId) {
    throw new FeedConfigError(path, [`id: "${parsed.data.id}" must equal the file name "${expectedId}"`]);
  }
  return parsed.data;
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : '(file)';
    return `${field}: ${issue.message}`;
  });
}

export function getFeed(feeds: FeedRegistry, id: string): Feed {
  const feed = feeds.get(id);
  if (!feed) throw new UnknownFeedError(id, [...feeds.keys()]);
  return feed;
}
