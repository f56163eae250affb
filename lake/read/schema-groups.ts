/**
 * Items (a feed's files) grouped by the schema id they were written under, the feed's current
 * schema first, then the others in order of first appearance; items keep their order within a
 * group. Files of one schema can be read by one `read_parquet`; files of different schemas cannot
 * (it would take the first file's columns), so each group gets its own and they meet by name.
 */
export function groupBySchema<T extends { schemaId: string }>(items: readonly T[], currentSchemaId?: string): T[][] {
  const groups = new Map<string, T[]>();
  if (currentSchemaId && items.some((i) => i.schemaId === currentSchemaId)) groups.set(currentSchemaId, []);
  for (const item of items) {
    const group = groups.get(item.schemaId);
    if (group) group.push(item);
    else groups.set(item.schemaId, [item]);
  }
  return [...groups.values()];
}

/**
 * One relation over sources of different schemas: `UNION ALL BY NAME` gives every column of every
 * schema, NULL where a source lacks it (an added column in the files written before it), in the
 * first source's column order. DuckDB pushes a filter on a hive column into each `read_parquet`,
 * so partition pruning works as over one.
 */
export function selectByName(sources: readonly string[]): string {
  return sources.map((source) => `SELECT * FROM ${source}`).join(' UNION ALL BY NAME ');
}
