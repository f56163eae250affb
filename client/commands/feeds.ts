import { Command } from 'commander';
import { loadFeeds } from '../../config/load-feeds.js';
import { loadSourceDefaults } from '../../config/source-defaults.js';
import { factTablesDefined } from '../../warehouse/fact-tables.js';
import { createKsqlClient } from '../../wiring/create-ksql-client.js';
import { describeSyncReport, syncFeeds } from '../feeds/sync-feeds.js';
import type { CliDeps } from '../cli-deps.js';
import { SOURCE_DEFAULTS_FILE, SQL_DIR } from '../project-files.js';

export function feedsCommand(deps: CliDeps): Command {
  const feeds = new Command('feeds').description('the feed registry (feeds/*.json)');
  feeds
    .command('list')
    .description('list the feeds and how each is exported')
    .action(async () => {
      for (const feed of (await loadFeeds(deps.env.FEEDS_DIR)).values()) {
        const how = feed.kind === 'stream'
          ? `stream, ${feed.slot} slots, by date, keep ${feed.retentionDays} days`
          : `table, versioned snapshots, keep ${feed.keepVersions}${feed.warehouse ? `, → ${feed.warehouse.fact}` : ''}`;
        deps.out(`${feed.id.padEnd(34)} ${feed.source.padEnd(34)} ${how}`);
      }
    });
  feeds
    .command('validate')
    .description('check every feed file; errors name the file and the field')
    .action(async () => {
      const loaded = await loadFeeds(deps.env.FEEDS_DIR);
      deps.out(`${loaded.size} feed file(s) valid in ${deps.env.FEEDS_DIR}`);
    });
  feeds
    .command('sync')
    .description('write a feed file for every ksqlDB stream and table that has none; never overwrites a file')
    .option('--defaults <file>', 'per-source defaults: retention, warehouse targets', SOURCE_DEFAULTS_FILE)
    .action(async (opts: { defaults: string }) => {
      const defaults = await loadSourceDefaults(opts.defaults);
      const ksql = createKsqlClient(deps.env);
      try {
        const report = await syncFeeds(ksql, deps.env.FEEDS_DIR, await factTablesDefined(SQL_DIR), defaults);
        describeSyncReport(report).forEach(deps.out);
      } finally {
        await ksql.close();
      }
    });
  return feeds;
}
