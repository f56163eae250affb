import { readdir } from 'node:fs/promises';
import { quotedIdentifier, quotedString } from '@duckdb/node-api';
import { currentVersion } from './current-version.js';
import { readFeedMetadata, type FeedMetadata } from './feed-metadata.js';
import { streamFiles, versionGlobs } from './feed-sources.js';
import { kindDir, metadataPath, tableGlob } from './lake-paths.js';

/** The macro that reads a kept version of a table feed: `SELECT … FROM table_at('totals', 3)`. */
export const TABLE_AT = 'table_at';

/** Names the hidden view over every kept version of a table feed; `@` never occurs in a feed id. */
export const VERSIONS_SUFFIX = '@versions';

/**
 * The statements that make `sql` see the lake by feed name, for one connection (all TEMP):
 * - a stream `<feed>`: every slot file listed in its metadata, `date` from the hive path, so a
 *   filter on `date` opens only that day's files;
 * - a table `<feed>`: its current version only;
 * - `table_at(feed, version)`, when the SQL names it: a filter on the hidden view `<feed>@versions`
 *   over every kept version, `version` from the hive path, so only the wanted version is opened.
 * Creating a view binds it (DuckDB reads one file's schema), so only feeds whose id occurs as a word
 * in the SQL get views: a lake of many feeds costs a query only the feeds it names.
 */
export async function queryViewStatements(root: string, sql: string): Promise<string[]> {
  const words = new Set(sql.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []);
  const withTableAt = words.has(TABLE_AT);
  const statements: string[] = [];
  const kept = new Map<string, number[]>();
  for (const metadata of await feedMetadata(root, (feedId) => words.has(feedId))) {
    statements.push(...feedViews(root, metadata));
    if (withTableAt && metadata.kind === 'table' && metadata.versions.length > 0) {
      statements.push(`CREATE TEMP VIEW ${quotedIdentifier(metadata.feed + VERSIONS_SUFFIX)} AS SELECT * FROM ${versionsSource(root, metadata)}`);
      kept.set(metadata.feed, metadata.versions.map((v) => v.version).sort((a, b) => a - b));
    }
  }
  if (withTableAt) statements.push(...tableAtMacro(kept, await subdirectories(kindDir(root, 'table'))));
  return statements;
}

async function feedMetadata(root: string, wanted: (feedId: string) => boolean): Promise<FeedMetadata[]> {
  const found: FeedMetadata[] = [];
  for (const kind of ['stream', 'table'] as const) {
    for (const feedId of (await subdirectories(kindDir(root, kind))).filter(wanted)) {
      const metadata = await readFeedMetadata(metadataPath(root, kind, feedId));
      if (metadata) found.push(metadata);
    }
  }
  return found;
}

/** The feed's own view, or none when it has no file yet (DuckDB refuses a view over no files). */
function feedViews(root: string, metadata: FeedMetadata): string[] {
  const view = (source: string) => [`CREATE TEMP VIEW ${quotedIdentifier(metadata.feed)} AS SELECT * FROM ${source}`];
  if (metadata.kind === 'stream') {
    const files = streamFiles(root, metadata);
    return files.length === 0 ? [] : view(`read_parquet(${sqlList(files)}, hive_partitioning = true, hive_types = {'date': DATE})`);
  }
  const current = currentVersion(metadata);
  return current === null ? [] : view(`read_parquet(${quotedString(tableGlob(root, metadata.feed, current))}, hive_partitioning = false)`);
}

/**
 * Every kept version in one scan whose `version` column comes from the path. The schema is the
 * oldest kept version's: under `schemaChange: freeze` (the default) all versions share it.
 */
function versionsSource(root: string, metadata: FeedMetadata & { kind: 'table' }): string {
  return `read_parquet(${sqlList(versionGlobs(root, metadata))}, hive_partitioning = true, hive_types = {'version': BIGINT})`;
}

/**
 * `table_at(feed, version)`: the versions view filtered on its hive `version`, so DuckDB opens only
 * that version's files. The view's name is chosen by a CASE that DuckDB folds while binding, so an
 * unknown feed or a pruned version fails with a message naming what is kept, instead of no rows.
 */
function tableAtMacro(kept: ReadonlyMap<string, number[]>, tableFeeds: readonly string[]): string[] {
  const entries = [...kept].map(([feed, versions]) => `${quotedString(feed)}: [${versions.join(', ')}]`);
  const keptOf = `(MAP {${entries.join(', ')}}::MAP(VARCHAR, BIGINT[]))[feed_id]`;
  const noFeed = quotedString(` with kept versions (table feeds in the lake: ${tableFeeds.join(', ') || 'none'})`);
  return [
    `CREATE TEMP MACRO ${TABLE_AT}(feed_id, wanted) AS TABLE
       SELECT * EXCLUDE (version) FROM query_table(CASE
         WHEN list_contains(${keptOf}, wanted) THEN feed_id || ${quotedString(VERSIONS_SUFFIX)}
         WHEN ${keptOf} IS NULL THEN error('${TABLE_AT}: the lake has no table feed "' || feed_id || '"' || ${noFeed})
         ELSE error('${TABLE_AT}: ' || feed_id || ' keeps no version ' || wanted || ' (kept: ' || array_to_string(${keptOf}, ', ') || ')')
       END)
       WHERE version = wanted`,
  ];
}

function sqlList(values: readonly string[]): string {
  return `[${values.map(quotedString).join(', ')}]`;
}

async function subdirectories(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}
