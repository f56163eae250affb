import type { KsqlType } from '../../ksqldb/ksql-type.js';
import { columnRecords, type FeedMetadata, schemaDrift, type SchemaDrift, toLakeColumns } from '../../lake/index.js';

/**
 * The source's columns as DESCRIBE lists them against those the lake recorded at the last export;
 * null when unchanged. A stream's record starts with ROWTIME, which
 * DESCRIBE does not list.
 */
export function columnDriftSinceExport(metadata: FeedMetadata, columns: ReadonlyArray<{ name: string; type: KsqlType }>): SchemaDrift | null {
  const recorded = metadata.kind === 'stream' ? metadata.columns.filter((c) => c.name !== 'rowtime') : metadata.columns;
  return schemaDrift(recorded, columnRecords(toLakeColumns(columns)));
}
