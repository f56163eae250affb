import { mkdir } from 'node:fs/promises';
import { Command } from 'commander';
import { scanFeeds } from '../../config/load-feeds.js';
import { FeedRegistryError } from '../../config/feed-registry-error.js';
import { loadSourceDefaults } from '../../config/source-defaults.js';
import type { CliDeps } from '../common/cli-deps.js';
import { commandSettings } from '../common/command-settings.js';
import { SOURCE_DEFAULTS_FILE, SQL_DIR } from '../common/project-files.js';

export function feedsCommand(deps: CliDeps): Command {
  const feeds = new Command('feeds').description('the feed registry (FEEDS_DIR/*.json)');
  const list = feeds
    .command('list')
    .description('list the feeds and how each is exported (a bad file is named on stderr, the others listed)')
    .option('--json', 'print the feeds as JSON', false);
  const listSettings = commandSettings(list, deps, ['feeds']);
  list.action(async (opts: { json: boolean }) => {
    const scan = await scanFeeds(listSettings().FEEDS_DIR);
    scan.problems.forEach((p) => deps.note(`skipped ${p.message}`));
    const all = [...scan.feeds.values()];
    if (opts.json) return deps.out(JSON.stringify(all, null, 2));
    for (const feed of all) {
      const how = feed.kind === 'stream'
        ? `stream, ${feed.slot} slots, by date, keep ${feed.retentionDays} days`
        : `table, versioned snapshots, keep ${feed.keepVersions}${feed.warehouse ? `, → ${feed.warehouse.fact}` : ''}`;
      deps.out(`${feed.id.padEnd(34)} ${feed.source.padEnd(34)} ${how}`);
    }
  });

  const validate = feeds.command('validate').description('check every feed file; every bad one is named with its fields (exit 2)');
  const validateSettings = commandSettings(validate, deps, ['feeds']);
  validate.action(async () => {
    const dir = validateSettings().FEEDS_DIR;
    const scan = await scanFeeds(dir);
    deps.out(`${scan.feeds.size} feed file(s) valid in ${dir}${scan.problems.length ? `, ${scan.problems.length} not:` : ''}`);
    if (scan.problems.length > 0) throw new FeedRegistryError(scan.problems);
  });

  const sync = feeds
    .command('sync')
    .description('write a feed file for every ksqlDB stream and table that has none; never overwrites a file')
    .option('--defaults <file>', 'per-source defaults: retention, warehouse targets', SOURCE_DEFAULTS_FILE);
  const syncSettings = commandSettings(sync, deps, ['feeds', 'ksqldb']);
  sync.action(async (opts: { defaults: string }) => {
    const env = syncSettings();
    const defaults = await loadSourceDefaults(opts.defaults);
    const [{ factTablesDefined }, { createKsqlClient }, { describeSyncReport, syncFeeds }] = await Promise.all([
      import('../../warehouse/fact-tables.js'), import('../../wiring/create-ksql-client.js'), import('../feeds/sync-feeds.js'),
    ]);
    const ksql = createKsqlClient(env);
    try {
      const report = await syncFeeds(ksql, env.FEEDS_DIR, await factTablesDefined(SQL_DIR), defaults, async () => {
        // Only once ksqlDB has answered: a sync that cannot reach it leaves no empty folder behind.
        await mkdir(env.FEEDS_DIR, { recursive: true });
      });
      describeSyncReport(report, env.FEEDS_DIR).forEach(deps.out);
    } finally {
      await ksql.close();
    }
  });
  return feeds;
}
