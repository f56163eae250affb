import type { Feed } from '../config/feed-schema.js';
import { formatKsqlType } from '../ksqldb/ksql-type.js';
import { parquetType } from './duckdb-sql.js';
import { LakeSchemaError } from './errors.js';
import { readFeedMetadata, type ColumnRecord } from './feed-metadata.js';
import type { ObjectStore } from './storage/object-store.js';
import type { LakeColumn } from './row-encoder.js';
import { describeDrift, schemaDrift } from './schema-drift.js';

/**
 * Compares the source's columns with those the feed recorded at its first export, before anything
 * is written. Under `freeze` a difference stops the run with the columns named; under `evolve` the
 * new columns become the feed's schema. Returns the columns to record.
 */
export async function checkSchema(store: ObjectStore, metaKey: string, feed: Feed, columns: readonly LakeColumn[]): Promise<ColumnRecord[]> {
  const current = columnRecords(columns, { rowtimeColumn: feed.kind === 'stream' ? 'rowtime' : undefined });
  const recorded = (await readFeedMetadata(store, metaKey))?.columns;
  if (!recorded) return current;
  const drift = schemaDrift(recorded, current);
  if (drift && feed.schemaChange === 'freeze') {
    throw new LakeSchemaError(
      `feed ${feed.id}: ${feed.source}'s columns changed since the lake's first export (${describeDrift(drift)}); ` +
        `nothing was written. To accept the new columns set "schemaChange": "evolve" in feeds/${feed.id}.json.`,
    );
  }
  return current;
}

/** Columns as `_metadata.json` records them: lake names, ksqlDB type text, Parquet type. */
export function columnRecords(columns: readonly LakeColumn[], opts: { rowtimeColumn?: string } = {}): ColumnRecord[] {
  return columns.map((c) => ({ name: c.name, type: formatKsqlType(c.type), parquetType: parquetType(c, opts) }));
}
