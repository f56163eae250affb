import { feedSchema, type Feed } from './feed-schema.js';
import { IDENTIFIER_PATTERN } from './names.js';
import { overridesFor, type SourceDefaults } from './source-defaults.js';

/** A source as discovery sees it. */
export interface DiscoveredSource {
  name: string;
  kind: 'stream' | 'table';
}

/**
 * The feed `ksql-etl feeds sync` writes for a discovered source: streams by date in hourly slots,
 * tables as versioned snapshots, each with the source's own overrides from `defaults`. A warehouse
 * target is kept only when the schema defines its fact table, so a feed never points at a missing one.
 */
export function defaultFeed(source: DiscoveredSource, defaults: SourceDefaults, factTables: ReadonlySet<string>): Feed {
  const id = source.name.toLowerCase();
  if (!IDENTIFIER_PATTERN.test(id)) throw new Error(`ksqlDB source ${source.name} has no valid feed id`);
  const { retentionDays, keepVersions, warehouse } = overridesFor(defaults, source.name);
  if (source.kind === 'stream') {
    if (keepVersions !== undefined || warehouse) throw new Error(`defaults for stream ${source.name}: keepVersions and warehouse are for tables`);
    return feedSchema.parse({
      id,
      kind: 'stream',
      source: source.name,
      slot: '1h',
      partitionBy: 'date',
      mode: 'append',
      retentionDays: retentionDays ?? 365,
      schemaChange: 'freeze',
    });
  }
  if (retentionDays !== undefined) throw new Error(`defaults for table ${source.name}: retentionDays is for streams`);
  return feedSchema.parse({
    id,
    kind: 'table',
    source: source.name,
    mode: 'overwrite',
    keepVersions: keepVersions ?? 30,
    schemaChange: 'freeze',
    ...(warehouse && factTables.has(warehouse.fact) ? { warehouse } : {}),
  });
}

export function feedDifferences(onDisk: Feed, suggested: Feed): string[] {
  const a = onDisk as Record<string, unknown>;
  const b = suggested as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((key) => key !== 'description' && JSON.stringify(a[key]) !== JSON.stringify(b[key]))
    .map((key) => `${key}: ${JSON.stringify(a[key])} (defaults: ${JSON.stringify(b[key])})`);
}
