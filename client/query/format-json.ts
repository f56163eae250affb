import type { LakeQueryResult } from '../../lake/index.js';

/**
 * A JSON array of objects keyed by column name. BIGINT, HUGEINT and DECIMAL are strings holding the
 * exact value: a JSON number past 2^53 is silently rounded by JavaScript and many other readers.
 */
export function formatJson(result: LakeQueryResult): string[] {
  const objects = result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c, row[i]])));
  return [JSON.stringify(objects, null, 2)];
}
