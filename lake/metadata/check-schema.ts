import type { Feed } from '../../config/feed-schema.js';
import { formatKsqlType } from '../../ksqldb/ksql-type.js';
import { parquetType } from '../encoding/duckdb-sql.js';
import { LakeSchemaError } from '../common/errors.js';
import { readFeedMetadata, type ColumnRecord } from './feed-metadata.js';
import type { ObjectStore } from '../storage/object-store.js';
import type { LakeColumn } from '../encoding/row-encoder.js';
import { describeDrift, driftAllowed, schemaDrift } from './schema-drift.js';

/**
 * Compares the source's columns with the feed's current schema (the last export's), before
 * anything is written. A change the feed's `schemaChange` does not allow (schema-drift.ts) stops
 * the run with the columns and the policy named; one it allows becomes the feed's new schema when
 * the export commits. Returns the columns to record.
 */
export async function checkSchema(store: ObjectStore, metaKey: string, feed: Feed, columns: readonly LakeColumn[]): Promise<ColumnRecord[]> {
  const current = columnRecords(columns, { rowtimeColumn: feed.kind === 'stream' ? 'rowtime' : undefined });
  const recorded = (await readFeedMetadata(store, metaKey))?.columns;
  if (!recorded) return current;
  const drift = schemaDrift(recorded, current);
  if (drift && !driftAllowed(drift, feed.schemaChange)) {
    throw new LakeSchemaError(
      `feed ${feed.id}: ${feed.source}'s columns changed since the last export (${describeDrift(drift)}); ` +
        `nothing was written. ${policyHint(feed, drift.removed.length + drift.retyped.length > 0)}`,
    );
  }
  return current;
}

function policyHint(feed: Feed, removedOrRetyped: boolean): string {
  const policy = `"schemaChange": "${feed.schemaChange}"`;
  if (removedOrRetyped) {
    return `Under ${policy} a removed or retyped column is refused (under "evolve" too: the lake's older files would change meaning); restore the column in ksqlDB, or export the new shape as a new feed.`;
  }
  return `Under ${policy} no column may change; to accept added columns set "schemaChange": "evolve" in feeds/${feed.id}.json.`;
}

/** Columns as `_metadata.json` records them: lake names, ksqlDB type text, Parquet type. */
export function columnRecords(columns: readonly LakeColumn[], opts: { rowtimeColumn?: string } = {}): ColumnRecord[] {
  return columns.map((c) => ({ name: c.name, type: formatKsqlType(c.type), parquetType: parquetType(c, opts) }));
}
