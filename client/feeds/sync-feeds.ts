import { join } from 'node:path';
import { defaultFeed, feedDifferences, type DiscoveredSource } from '../../config/feed-defaults.js';
import { writeNewFeedFile } from '../../config/feed-file.js';
import { loadFeedFile, scanFeeds } from '../../config/load-feeds.js';
import { loadSourceDefaults, type SourceDefaults } from '../../config/source-defaults.js';
import type { KsqlDbClient } from '../../ksqldb/ksqldb-client.js';
import { SOURCE_DEFAULTS_FILE } from '../common/project-files.js';

export interface SyncReport {
  added: string[];
  unchanged: string[];
  /** feeds on disk that differ from what discovery suggests: kept as they are */
  kept: Array<{ feed: string; differences: string[] }>;
  skipped: Array<{ source: string; reason: string }>;
  /** feeds whose ksqlDB source is gone */
  orphaned: Array<{ feed: string; source: string }>;
}

/**
 * Asks ksqlDB for its streams and tables and writes a feed file for each source that has none,
 * with the source's own `defaults` (the project's ksql/source-defaults.json unless given).
 * Never overwrites a file: differences between a file and the defaults are reported, not applied.
 */
export async function syncFeeds(
  ksql: KsqlDbClient,
  feedsDir: string,
  factTables: ReadonlySet<string>,
  defaults?: SourceDefaults,
  /** called once ksqlDB has listed its sources, before the first file is written (e.g. to create the folder) */
  beforeWrite?: () => Promise<void>,
): Promise<SyncReport> {
  const perSource = defaults ?? (await loadSourceDefaults(SOURCE_DEFAULTS_FILE));
  const report: SyncReport = { added: [], unchanged: [], kept: [], skipped: [], orphaned: [] };
  const sources = await discoverSources(ksql, report);
  await beforeWrite?.();
  for (const source of sources) {
    const suggested = defaultFeed(source, perSource, factTables);
    const path = join(feedsDir, `${suggested.id}.json`);
    // Never replaces a file: the write fails when one exists, and then the file on disk is compared.
    if (await writeNewFeedFile(path, { ...suggested, description: `ksqlDB ${source.kind} ${source.name}, discovered by ksql-etl feeds sync` })) {
      report.added.push(suggested.id);
      continue;
    }
    const differences = feedDifferences(await loadFeedFile(path), suggested);
    if (differences.length === 0) report.unchanged.push(suggested.id);
    else report.kept.push({ feed: suggested.id, differences });
  }
  const known = new Set(sources.map((s) => s.name.toUpperCase()));
  // A bad file is for `feeds validate` to report; only the good ones can be orphans.
  for (const feed of (await scanFeeds(feedsDir)).feeds.values()) {
    if (!known.has(feed.source.toUpperCase())) report.orphaned.push({ feed: feed.id, source: feed.source });
  }
  return report;
}

async function discoverSources(ksql: KsqlDbClient, report: SyncReport): Promise<DiscoveredSource[]> {
  const sources: DiscoveredSource[] = [];
  for (const stream of await ksql.listStreams()) {
    // ksqlDB's own processing log is not business data.
    if (stream.name.startsWith('KSQL_')) report.skipped.push({ source: stream.name, reason: 'ksqlDB internal stream' });
    else sources.push({ name: stream.name, kind: 'stream' });
  }
  for (const table of await ksql.listTables()) {
    const description = await ksql.describe(table.name);
    if (description.writeQueries.length === 0) {
      report.skipped.push({ source: table.name, reason: 'a plain CREATE TABLE is not pull-queryable; derive one with CREATE TABLE … AS SELECT' });
      continue;
    }
    sources.push({ name: table.name, kind: 'table' });
  }
  return sources.sort((a, b) => a.name.localeCompare(b.name));
}

/** The report, one line per feed, naming each file by the path it has in `feedsDir`. */
export function describeSyncReport(report: SyncReport, feedsDir: string): string[] {
  const file = (feed: string) => join(feedsDir, `${feed}.json`);
  return [
    ...report.added.map((f) => `added     ${file(f)}`),
    ...report.unchanged.map((f) => `unchanged ${file(f)}`),
    ...report.kept.flatMap(({ feed, differences }) => [`kept      ${file(feed)} (edited; differs from the defaults)`, ...differences.map((d) => `            ${d}`)]),
    ...report.skipped.map(({ source, reason }) => `skipped   ${source}: ${reason}`),
    ...report.orphaned.map(({ feed, source }) => `orphaned  ${file(feed)}: ksqlDB has no source ${source}`),
  ];
}
