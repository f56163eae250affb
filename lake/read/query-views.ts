import { quotedIdentifier, quotedString } from '@duckdb/node-api';
import { IDENTIFIER_PATTERN } from '../../config/names.js';
import { currentVersion } from '../metadata/current-version.js';
import { readFeedMetadata, type FeedMetadata, type StreamMetadata, type TableMetadata } from '../metadata/feed-metadata.js';
import { streamObjects, versionObject, versionObjects, type FeedObject } from './feed-sources.js';
import { kindPrefix, metadataKey } from '../common/lake-paths.js';
import { localCopies, type LakeStorage } from '../storage/lake-storage.js';
import { currentSchemaId } from '../metadata/feed-schemas.js';
import { groupBySchema, selectByName } from './schema-groups.js';
import { dateFilter, tableAtVersions } from './sql-pruning.js';

/** The macro that reads a kept version of a table feed: `SELECT … FROM table_at('totals', 3)`. */
export const TABLE_AT = 'table_at';

/** Names the hidden view over every kept version of a table feed; `@` never occurs in a feed id. */
export const VERSIONS_SUFFIX = '@versions';

/**
 * The statements that make `sql` see the lake by feed name, for one connection (all TEMP):
 * - a stream `<feed>`: every slot file listed in its metadata, `date` from the hive path, so a
 *   filter on `date` opens only that day's files; slots written under different schemas (an
 *   added column, `schemaChange: evolve`) meet by column name, NULL where a file lacks one;
 * - a table `<feed>`: its current version only;
 * - `table_at(feed, version)`, when the SQL names it: a filter on a hidden view over the kept
 *   versions of that version's schema (`<feed>@versions` for the current schema's,
 *   `<feed>@versions@<schema id>` for older ones), `version` from the hive path, so only the wanted
 *   version is opened and it shows its own columns.
 * Creating a view binds it (DuckDB reads one file's schema), so only feeds whose id occurs as a word
 * in the SQL get views: a lake of many feeds costs a query only the feeds it names.
 *
 * The files come from the metadata as local paths (lake/storage/lake-storage.ts): a local lake's own files; for
 * a remote lake, copies fetched into the cache. A remote lake fetches only what the SQL can read
 * when its text says so plainly (sql-pruning.ts: a simple `date` filter on one stream, `table_at`
 * with literal arguments); otherwise every file of the named feeds is fetched, once per content.
 */
export async function queryViewStatements(storage: LakeStorage, sql: string): Promise<string[]> {
  const words = new Set(sql.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []);
  const withTableAt = words.has(TABLE_AT);
  const { remote } = storage;
  const wantedVersions = remote ? tableAtVersions(sql, TABLE_AT) : null;
  const statements: string[] = [];
  const kept = new Map<string, number[]>();
  const versionViews = new Map<string, string>();
  for (const metadata of await feedMetadata(storage, [...words].filter((w) => IDENTIFIER_PATTERN.test(w)))) {
    const wantDate = remote && metadata.kind === 'stream' ? dateFilter(sql, metadata.feed) : null;
    statements.push(...(await feedViews(storage, metadata, wantDate)));
    if (withTableAt && metadata.kind === 'table' && metadata.versions.length > 0) {
      const wanted = wantedVersions && (wantedVersions.get(metadata.feed) ?? new Set<number>());
      for (const { view, source, versions } of await versionsSources(storage, metadata, wanted)) {
        statements.push(`CREATE TEMP VIEW ${quotedIdentifier(view)} AS SELECT * FROM ${source}`);
        for (const version of versions) versionViews.set(`${metadata.feed}@${version}`, view);
      }
      kept.set(metadata.feed, metadata.versions.map((v) => v.version).sort((a, b) => a - b));
    }
  }
  if (withTableAt) statements.push(...tableAtMacro(kept, versionViews, await tableFeeds(storage)));
  return statements;
}

/** The metadata of the feeds among `names` (either kind), read at once. */
async function feedMetadata({ store }: LakeStorage, names: readonly string[]): Promise<FeedMetadata[]> {
  const reads = names.flatMap((name) => (['stream', 'table'] as const).map((kind) => readFeedMetadata(store, metadataKey(kind, name))));
  return (await Promise.all(reads)).filter((m): m is FeedMetadata => m !== null);
}

/** The feed's own view, or none when it has no file yet (DuckDB refuses a view over no files). */
async function feedViews(storage: LakeStorage, metadata: FeedMetadata, wantDate: ((date: string) => boolean) | null): Promise<string[]> {
  const view = (source: string) => [`CREATE TEMP VIEW ${quotedIdentifier(metadata.feed)} AS SELECT * FROM ${source}`];
  if (metadata.kind === 'stream') {
    const groups = await localGroups(storage, streamFiles(metadata, wantDate), currentSchemaId(metadata));
    if (groups.length === 0) return [];
    const sources = groups.map(({ files }) => `read_parquet(${sqlList(files)}, hive_partitioning = true, hive_types = {'date': DATE})`);
    return [`CREATE TEMP VIEW ${quotedIdentifier(metadata.feed)} AS ${selectByName(sources)}`];
  }
  const current = currentVersion(metadata);
  const entry = metadata.versions.find((v) => v.version === current);
  if (!entry) return [];
  const [file] = await localCopies(storage, [versionObject(metadata.feed, entry)]);
  return view(`read_parquet(${quotedString(file!)}, hive_partitioning = false)`);
}

/**
 * A stream's slot files that pass `wantDate`. When none does, the newest file still backs the view
 * so it binds with the stream's columns; the query's own filter then gives no row.
 */
function streamFiles(metadata: StreamMetadata, wantDate: ((date: string) => boolean) | null) {
  const all = streamObjects(metadata);
  if (!wantDate) return all;
  const some = streamObjects(metadata, wantDate);
  return some.length > 0 || all.length === 0 ? some : all.slice(-1);
}

/** Local paths of `objects`, fetched at once, grouped by schema (schema-groups.ts). */
async function localGroups<T extends FeedObject>(storage: LakeStorage, objects: readonly T[], currentSchemaId?: string) {
  const files = await localCopies(storage, objects);
  const groups = groupBySchema(objects.map((object, i) => ({ ...object, file: files[i]! })), currentSchemaId);
  return groups.map((group) => ({ schemaId: group[0]!.schemaId, items: group, files: group.map((g) => g.file) }));
}

/**
 * The kept versions (or the `wanted` ones), one scan per schema whose `version` column comes from
 * the path: every version is read with its own columns. None when none is wanted (table_at then
 * refuses before reading a view).
 */
async function versionsSources(storage: LakeStorage, metadata: TableMetadata, wanted: ReadonlySet<number> | null) {
  const current = currentSchemaId(metadata);
  const groups = await localGroups(storage, versionObjects(metadata, wanted ?? undefined), current);
  return groups.map(({ schemaId, items, files }) => ({
    view: metadata.feed + VERSIONS_SUFFIX + (schemaId === current ? '' : `@${schemaId}`),
    source: `read_parquet(${sqlList(files)}, hive_partitioning = true, hive_types = {'version': BIGINT})`,
    versions: items.map((i) => i.version),
  }));
}

/**
 * `table_at(feed, version)`: the view holding that version (`views`, keyed `<feed>@<version>`)
 * filtered on its hive `version`, so DuckDB opens only that version's files. The view's name is
 * chosen by a CASE that DuckDB folds while binding, so an unknown feed or a pruned version fails
 * with a message naming what is kept, instead of no rows.
 */
function tableAtMacro(kept: ReadonlyMap<string, number[]>, views: ReadonlyMap<string, string>, tableFeeds: readonly string[]): string[] {
  const entries = [...kept].map(([feed, versions]) => `${quotedString(feed)}: [${versions.join(', ')}]`);
  const keptOf = `(MAP {${entries.join(', ')}}::MAP(VARCHAR, BIGINT[]))[feed_id]`;
  const viewEntries = [...views].map(([key, view]) => `${quotedString(key)}: ${quotedString(view)}`);
  const viewOf = `(MAP {${viewEntries.join(', ')}}::MAP(VARCHAR, VARCHAR))[feed_id || '@' || wanted]`;
  const noFeed = quotedString(` with kept versions (table feeds in the lake: ${tableFeeds.join(', ') || 'none'})`);
  return [
    `CREATE TEMP MACRO ${TABLE_AT}(feed_id, wanted) AS TABLE
       SELECT * EXCLUDE (version) FROM query_table(CASE
         WHEN list_contains(${keptOf}, wanted) THEN ${viewOf}
         WHEN ${keptOf} IS NULL THEN error('${TABLE_AT}: the lake has no table feed "' || feed_id || '"' || ${noFeed})
         ELSE error('${TABLE_AT}: ' || feed_id || ' keeps no version ' || wanted || ' (kept: ' || array_to_string(${keptOf}, ', ') || ')')
       END)
       WHERE version = wanted`,
  ];
}

function sqlList(values: readonly string[]): string {
  return `[${values.map(quotedString).join(', ')}]`;
}

/** The table feeds that have metadata, for table_at's message about an unknown feed. */
async function tableFeeds({ store }: LakeStorage): Promise<string[]> {
  const feeds: string[] = [];
  for await (const { key } of store.list(`${kindPrefix('table')}/`)) {
    const [, feed, name] = key.split('/');
    if (name === '_metadata.json' && feed) feeds.push(feed);
  }
  return feeds.sort();
}
