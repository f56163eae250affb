import { createHash } from 'node:crypto';
import type { ColumnRecord } from './feed-metadata.js';

/**
 * A short name for a column list (names and ksqlDB types, in order): two exports with the same
 * schema id wrote files a reader can union; a different id means the schema evolved in between.
 */
export function schemaId(columns: readonly ColumnRecord[]): string {
  const text = columns.map((c) => `${c.name} ${c.type}`).join('\n');
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}
