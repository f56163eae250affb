import type { FeedRegistry } from '../../config/load-feeds.js';
import { scanFeedRegistry } from '../../config/scan-feed-registry.js';
import { failed, messageOf, ok, warning, type CheckResult } from './check-result.js';

/** Every feed file, valid or not: one line for the registry, one more per bad file. */
export async function checkFeeds(dir: string): Promise<{ results: CheckResult[]; feeds: FeedRegistry }> {
  let scan;
  try {
    scan = await scanFeedRegistry(dir);
  } catch (err) {
    const result = failed('feeds: registry', `cannot read ${dir} (${messageOf(err)})`, 'set FEEDS_DIR to the folder holding the feed files');
    return { results: [result], feeds: new Map() };
  }
  const { feeds, problems } = scan;
  const summary =
    feeds.size === 0 && problems.length === 0
      ? warning('feeds: registry', `no feed files in ${dir}`, 'write feeds/<id>.json, or let `ksql-etl feeds sync` write them from ksqlDB')
      : ok('feeds: registry', `${feeds.size} valid feed file(s) in ${dir}${problems.length ? `, ${problems.length} invalid` : ''}`);
  const bad = problems.map((p) => failed(`feeds: ${p.file}`, p.message, `fix ${p.file}; runs of this feed fail until it validates`));
  return { results: [summary, ...bad], feeds };
}
