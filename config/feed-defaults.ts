import { feedSchema, type Feed } from './feed-schema.js';
import { IDENTIFIER_PATTERN } from './names.js';

/** A source as discovery sees it: name, kind and key column (tables). */
export interface DiscoveredSource {
  name: string;
  kind: 'stream' | 'table';
  keyColumn?: string;
}

/** Retention the seed design gives each stream; anything else keeps a year. */
const STREAM_RETENTION_DAYS: Readonly<Record<string, number>> = { transaction_stream_anonymized: 730 };
/** Dimensions keyed by the column that names them (the star schema's two). */
const DIMENSION_BY_KEY: Readonly<Record<string, string>> = { user_id: 'dim_users', payment_method: 'dim_payment_methods' };

/**
 * The feed `ksql-etl feeds sync` writes for a discovered source: streams by date in hourly slots,
 * tables as versioned snapshots loaded into `fact_<table>` when the warehouse defines that table.
 */
export function defaultFeed(source: DiscoveredSource, factTables: ReadonlySet<string>): Feed {
  const id = source.name.toLowerCase();
  if (!IDENTIFIER_PATTERN.test(id)) throw new Error(`ksqlDB source ${source.name} has no valid feed id`);
  if (source.kind === 'stream') {
    return feedSchema.parse({
      id,
      kind: 'stream',
      source: source.name,
      slot: '1h',
      partitionBy: 'date',
      mode: 'append',
      retentionDays: STREAM_RETENTION_DAYS[id] ?? 365,
      schemaChange: 'freeze',
    });
  }
  const fact = `fact_${id}`;
  const key = source.keyColumn?.toLowerCase();
  const dimension = key ? DIMENSION_BY_KEY[key] : undefined;
  return feedSchema.parse({
    id,
    kind: 'table',
    source: source.name,
    mode: 'overwrite',
    keepVersions: 30,
    schemaChange: 'freeze',
    ...(factTables.has(fact) ? { warehouse: { fact, dimensions: dimension && key ? [{ table: dimension, key }] : [] } } : {}),
  });
}

/** Field-by-field differences between a feed on disk and what discovery would write. */
export function feedDifferences(onDisk: Feed, suggested: Feed): string[] {
  const a = onDisk as Record<string, unknown>;
  const b = suggested as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((key) => key !== 'description' && JSON.stringify(a[key]) !== JSON.stringify(b[key]))
    .map((key) => `${key}: ${JSON.stringify(a[key])} (defaults: ${JSON.stringify(b[key])})`);
}
