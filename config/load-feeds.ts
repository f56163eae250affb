import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { FeedConfigError, UnknownFeedError } from './errors.js';
import { FeedRegistryError } from './feed-registry-error.js';
import { SettingsError } from './settings-error.js';
import { feedSchema, type Feed } from './feed-schema.js';
import { parseJson, readJsonFile } from './read-json-file.js';

export type FeedRegistry = ReadonlyMap<string, Feed>;

/** The good feeds of a folder beside the files that could not be used. */
export interface FeedScan {
  feeds: FeedRegistry;
  /** one per bad file, each naming the file and its fields */
  problems: FeedConfigError[];
}

/**
 * Reads and validates every `*.json` in the feeds folder; a bad file is reported beside the good
 * feeds, never a stop, so a command about another feed still runs. A missing folder is a SettingsError.
 */
export async function scanFeeds(dir: string): Promise<FeedScan> {
  const files = (await readFeedDir(dir)).filter((f) => f.endsWith('.json')).sort();
  const feeds = new Map<string, Feed>();
  const problems: FeedConfigError[] = [];
  for (const file of files) {
    try {
      const feed = await loadFeedFile(join(dir, file));
      feeds.set(feed.id, feed);
    } catch (err) {
      if (!(err instanceof FeedConfigError)) throw err;
      problems.push(err);
    }
  }
  return { feeds, problems };
}

/** Every feed of the folder, or a FeedRegistryError naming every bad file at once. */
export async function loadFeeds(dir: string): Promise<FeedRegistry> {
  const { feeds, problems } = await scanFeeds(dir);
  if (problems.length > 0) throw new FeedRegistryError(problems);
  return feeds;
}

/** The feed `id` of a scan: its file's own problem if that file is bad, UnknownFeedError if it has none. */
export function feedOf(scan: FeedScan, id: string): Feed {
  const problem = scan.problems.find((p) => basename(p.file, '.json') === id);
  if (problem) throw problem;
  return getFeed(scan.feeds, id);
}

async function readFeedDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new SettingsError([`FEEDS_DIR: "${dir}" does not exist; set FEEDS_DIR to the folder of feed files, or create them with \`ksql-etl feeds sync\``]);
    if (code === 'ENOTDIR') throw new SettingsError([`FEEDS_DIR: "${dir}" is not a folder`]);
    throw err;
  }
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
