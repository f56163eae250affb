import { link, unlink, writeFile } from 'node:fs/promises';
import type { Feed } from './feed-schema.js';

const LEADING_KEYS = ['id', 'description', 'kind', 'source'];

/** A feed as a person would write it: identity first, then how it is exported. */
export function serializeFeed(feed: Feed): string {
  const entries = Object.entries(feed);
  const rank = (key: string) => (LEADING_KEYS.includes(key) ? LEADING_KEYS.indexOf(key) : LEADING_KEYS.length);
  const ordered = Object.fromEntries(entries.sort(([a], [b]) => rank(a) - rank(b)));
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/**
 * Writes a new feed file and never replaces one: the complete file is hard-linked into place, which
 * fails if a file of that name exists (a person's edit always wins) and is never seen half-written.
 */
export async function writeNewFeedFile(path: string, feed: Feed): Promise<boolean> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, serializeFeed(feed));
  try {
    await link(temp, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    await unlink(temp);
  }
}
