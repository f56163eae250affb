import type { ColumnRecord, FeedMetadata, SlotEntry, VersionEntry } from './feed-metadata.js';
import { schemaId } from './schema-id.js';

/**
 * Makes `columns` the feed's current schema in metadata about to be committed, and keeps every
 * schema its files were written with under `schemas`, by id. Metadata from before `schemas`
 * existed is brought up in the same commit: its recorded columns become a schema of their own, and
 * entries written before slots carried a schema id are stamped with it (they were written under
 * those columns: the only policy that let columns change then was `evolve`, which overwrote them).
 */
export function recordSchema(next: FeedMetadata, columns: ColumnRecord[]): string {
  const id = schemaId(columns);
  if (!next.schemas) {
    const previousId = currentSchemaId(next);
    next.schemas = { [previousId]: next.columns };
    for (const entry of entriesOf(next)) entry.schemaId ??= previousId;
  }
  next.schemas[id] ??= columns;
  next.columns = columns;
  next.schemaId = id;
  return id;
}

/**
 * The schema id a slot or version was written under. Metadata no export has written since schema
 * ids were recorded has none: its files share the feed's one recorded schema.
 */
export function entrySchemaId(metadata: FeedMetadata, entry: SlotEntry | VersionEntry): string {
  return entry.schemaId ?? currentSchemaId(metadata);
}

/** The id of the feed's current schema (the columns the last export recorded). */
export function currentSchemaId(metadata: FeedMetadata): string {
  return metadata.schemaId ?? schemaId(metadata.columns);
}

function entriesOf(metadata: FeedMetadata): Array<SlotEntry | VersionEntry> {
  return metadata.kind === 'stream' ? Object.values(metadata.slots) : metadata.versions;
}
