import type { StreamMetadata, TableMetadata, VersionEntry } from '../metadata/feed-metadata.js';
import { entrySchemaId } from '../metadata/feed-schemas.js';
import { feedFileKey, slotDate } from '../common/lake-paths.js';
import type { WantedObject } from '../storage/lake-storage.js';
import { versionFile } from '../metadata/version-file.js';

/** An object a feed's readers open, with the schema id it was written under (lake/metadata/feed-schemas.ts). */
export interface FeedObject extends WantedObject {
  schemaId: string;
}

/**
 * The objects a feed's readers open, taken from its `_metadata.json` and never from a listing of
 * the lake: objects a failed attempt left behind are named by no metadata and never read. Every key
 * keeps its hive segment (`date=…`, `version=…`), which is what lets DuckDB prune.
 */
export function streamObjects(metadata: StreamMetadata, wantDate: (date: string) => boolean = () => true): FeedObject[] {
  return Object.values(metadata.slots)
    .flatMap((slot) =>
      slot.file === null || !wantDate(slotDate(Date.parse(slot.start)))
        ? []
        : [{ key: feedFileKey('stream', metadata.feed, slot.file), sha256: slot.sha256 ?? null, schemaId: entrySchemaId(metadata, slot) }],
    )
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** The file of one version of a table feed. */
export function versionObject(feedId: string, entry: VersionEntry): WantedObject {
  return { key: feedFileKey('table', feedId, versionFile(entry)), sha256: entry.sha256 ?? null };
}

/** The kept versions' files, oldest first, or only the `wanted` ones when given. */
export function versionObjects(metadata: TableMetadata, wanted?: ReadonlySet<number>): Array<FeedObject & { version: number }> {
  return [...metadata.versions]
    .filter((v) => !wanted || wanted.has(v.version))
    .sort((a, b) => a.version - b.version)
    .map((v) => ({ ...versionObject(metadata.feed, v), schemaId: entrySchemaId(metadata, v), version: v.version }));
}
