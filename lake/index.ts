/**
 * The lake's front door: everything code outside lake/ may use. The rooms behind it (write/,
 * read/, metadata/, …) are the lake's own; lint refuses an import of them from outside.
 */
export type { RetentionResult } from './apply-retention.js';
export { columnRecords } from './check-schema.js';
export { describeRetention } from './describe-retention.js';
export { PARQUET_OPTIONS } from './duckdb-sql.js';
export { duckDbType } from './duckdb-types.js';
export { LakeIoError, LakeQuarantineThresholdError, LakeQueryError, LakeSchemaError, LakeVersionError } from './errors.js';
export { feedMetadataSchema, streamMetadataSchema } from './feed-metadata.js';
export type { FeedMetadata, SlotEntry, TableMetadata, VersionEntry } from './feed-metadata.js';
export { Lake } from './lake.js';
export type { LakeOptions } from './lake.js';
export { feedFileKey, metadataPath, stagingRoot, streamQuarantineKey } from './lake-paths.js';
export { formatDuration, lakeStatus } from './lake-status.js';
export type { FeedFacts } from './lake-status.js';
export { putText } from './put-file.js';
export type { QuarantineGroup } from './quarantined-rows.js';
export type { ReadVersionTextOptions, VersionText } from './read-version-text.js';
export { toLakeColumns, toStreamColumns } from './row-encoder.js';
export type { StreamColumns } from './row-encoder.js';
export type { RunRecord } from './run-log.js';
export type { QueryResult } from './run-query.js';
export { describeDrift, driftAllowed, schemaDrift } from './schema-drift.js';
export type { SchemaDrift } from './schema-drift.js';
export { slotFileNames } from './slot-file-names.js';
export type { SourceLine, SourceLines, SourceRow } from './source-row.js';
export { lakeStatusSchema, slotStateSchema } from './status-model.js';
export type { FeedStatus, LakeStatus, SlotState, SlotStatus, StreamFeedStatus, TableFeedStatus } from './status-model.js';
export { describeFile } from './storage/checked-stream.js';
export { ObjectChecksumError } from './storage/errors.js';
export { parseLakeLocation } from './storage/lake-location.js';
export type { ObjectStore } from './storage/object-store.js';
export { openObjectStore } from './storage/open-object-store.js';
export { containerSpec } from './wire-sql.js';
export type { StreamSlotsResult } from './write-stream-slots.js';
