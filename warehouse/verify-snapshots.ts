import { quotedIdentifier } from '@duckdb/node-api';
import { escapeId } from 'mysql2';
import type { TableFeed } from '../config/feed-schema.js';
import type { VersionAggregates } from './lake-versions.js';
import { resolveFactLayout } from './fact-layout.js';
import type { Warehouse } from './warehouse.js';

/** One compared figure of one version: equal when the lake and MySQL agree. */
export interface VersionCheck {
  feed: string;
  version: number;
  table: string;
  /** `rows`, `sum(<column>)` or `checksum` */
  measure: string;
  lake: string | null;
  warehouse: string | null;
  equal: boolean;
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)/;
const FLOATING = /^(FLOAT|DOUBLE|DECIMAL)/;

/**
 * Compares each loaded version of a feed (or `versions`) between the lake's Parquet and MySQL: the
 * row count, the sum of every numeric measure and a content checksum. Both engines compute the same
 * figures from the same canonical text (decimals at 6 places, NULL as `\N`, natural keys rather
 * than surrogate ids), summed so that row order does not matter.
 */
export async function verifySnapshots(warehouse: Warehouse, lake: VersionAggregates, feed: TableFeed, versions?: number[]): Promise<VersionCheck[]> {
  const target = feed.warehouse;
  if (!target) return [];
  const wanted = versions ?? (await loadedVersions(warehouse, feed.id));
  const metadata = await lake.describeFeed(feed.id);
  const inLake = new Set(metadata?.kind === 'table' ? metadata.versions.map((v) => v.version) : []);
  const checks: VersionCheck[] = [];
  for (const version of wanted) {
    const base = { feed: feed.id, version, table: target.fact };
    if (!inLake.has(version)) {
      checks.push({ ...base, measure: 'rows', lake: null, warehouse: await factRows(warehouse, target.fact, version), equal: false });
      continue;
    }
    const columns = await lake.describeVersion(feed.id, version);
    const context = `feed ${feed.id}, version ${version}, table ${target.fact}`;
    const layout = await resolveFactLayout(warehouse, target, columns.map((c) => c.name), context);
    const keys = new Set(layout.dimensions.map((d) => d.key));
    const measures = columns.filter((c) => NUMERIC.test(c.type) && !keys.has(c.name));
    const canonical = columns.map((c) => ({ name: c.name, floating: FLOATING.test(c.type) }));

    const lakeFigures = await lake.aggregateVersion(feed.id, version, [
      'count(*) AS "rows"',
      ...measures.map((m, i) => `CAST(sum(CAST(${quotedIdentifier(m.name)} AS DECIMAL(38, 6))) AS VARCHAR) AS m${i}`),
      `CAST(coalesce(sum(CAST(('0x' || substr(md5(${canonical.map((c) => `coalesce(CAST(${c.floating ? `CAST(${quotedIdentifier(c.name)} AS DECIMAL(38, 6))` : quotedIdentifier(c.name)} AS VARCHAR), '\\N')`).join(` || '|' || `)}), 1, 15)) AS UBIGINT)), 0) AS VARCHAR) AS checksum`,
    ].join(', '));

    // In MySQL a surrogate id column reads back as its natural key through the dimension.
    const joins = layout.dimensions.filter((d) => d.id !== d.key);
    const ref = (name: string) => {
      const d = joins.find((j) => j.key === name);
      return d ? `${escapeId(`d_${d.table}`)}.${escapeId(d.key)}` : `f.${escapeId(name)}`;
    };
    const sql =
      `SELECT COUNT(*) AS \`rows\`, ${measures.map((m, i) => `CAST(SUM(CAST(${ref(m.name)} AS DECIMAL(38, 6))) AS CHAR) AS m${i}`).join(', ')}${measures.length ? ', ' : ''}` +
      `CAST(COALESCE(SUM(CAST(CONV(SUBSTR(MD5(CONCAT_WS('|', ${canonical.map((c) => `COALESCE(CAST(${c.floating ? `CAST(${ref(c.name)} AS DECIMAL(38, 6))` : ref(c.name)} AS CHAR), '\\\\N')`).join(', ')})), 1, 15), 16, 10) AS UNSIGNED)), 0) AS CHAR) AS checksum ` +
      `FROM ${escapeId(target.fact)} f ${joins.map((d) => `JOIN ${escapeId(d.table)} ${escapeId(`d_${d.table}`)} ON ${escapeId(`d_${d.table}`)}.${escapeId(d.id)} = f.${escapeId(d.id)}`).join(' ')} ` +
      'WHERE f.snapshot_version = ?';
    const [mysqlFigures] = await warehouse.query<Record<string, unknown>>(sql, [version]);
    const figure = (row: Record<string, unknown> | undefined, key: string) => (row?.[key] === null || row?.[key] === undefined ? null : String(row[key]));
    const compare = (measure: string, key: string) => {
      const [a, b] = [figure(lakeFigures, key), figure(mysqlFigures, key)];
      checks.push({ ...base, measure, lake: a, warehouse: b, equal: a === b });
    };
    compare('rows', 'rows');
    measures.forEach((m, i) => compare(`sum(${m.name})`, `m${i}`));
    compare('checksum', 'checksum');
  }
  return checks;
}

/** Versions of a feed with a `loaded` receipt, oldest first. */
export async function loadedVersions(warehouse: Warehouse, feedId: string): Promise<number[]> {
  const rows = await warehouse.query<{ v: number }>("SELECT snapshot_version AS v FROM etl_snapshot_loads WHERE feed = ? AND status = 'loaded' ORDER BY 1", [feedId]);
  return rows.map((r) => Number(r.v));
}

async function factRows(warehouse: Warehouse, fact: string, version: number): Promise<string> {
  const [row] = await warehouse.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${escapeId(fact)} WHERE snapshot_version = ?`, [version]);
  return String(row?.n ?? '0');
}
