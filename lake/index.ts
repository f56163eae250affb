/**
 * The lake's front door: everything code outside lake/ may use. The rooms behind it (write/,
 * read/, metadata/, …) are the lake's own; lint refuses an import of them from outside.
 */
export type { RetentionResult } from './retention/prune-expired.js';
export { columnRecords } from './metadata/check-schema.js';
export { describeRetention } from './retention/describe-retention.js';
export { PARQUET_OPTIONS } from './encoding/duckdb-sql.js';
export { duckDbType } from './encoding/duckdb-types.js';
export { LakeIoError, LakeQuarantineThresholdError, LakeQueryError, LakeSchemaError, LakeVersionError } from './common/errors.js';
export { feedMetadataSchema, streamMetadataSchema } from './metadata/feed-metadata.js';
export type { FeedMetadata, SlotEntry, TableMetadata, VersionEntry } from './metadata/feed-metadata.js';
export { Lake } from './lake.js';
export type { LakeOptions } from './lake.js';
export { feedFileKey, metadataPath, stagingRoot, streamQuarantineKey } from './common/lake-paths.js';
export { formatDuration, lakeStatus } from './status/lake-status.js';
export type { FeedFacts } from './status/lake-status.js';
export { putText } from './storage/put-file.js';
export type { QuarantineGroup } from './quarantine/quarantined-rows.js';
export type { ReadVersionTextOptions, VersionText } from './read/read-version-text.js';
export type { VersionColumn } from './read/read-version.js';
export { toLakeColumns, toStreamColumns } from './encoding/row-encoder.js';
export type { StreamColumns } from './encoding/row-encoder.js';
export type { RunRecord } from './metadata/run-log.js';
export type { LakeQueryResult } from './read/run-query.js';
export { describeDrift, driftAllowed, schemaDrift } from './metadata/schema-drift.js';
export type { SchemaDrift } from './metadata/schema-drift.js';
export { slotFileNames } from './common/slot-file-names.js';
export type { SourceLine, SourceLines, SourceRow } from './encoding/source-row.js';
export { lakeStatusSchema, slotStateSchema } from './status/status-model.js';
export type { FeedStatus, LakeStatus, SlotState, SlotStatus, StreamFeedStatus, TableFeedStatus } from './status/status-model.js';
export { describeFile } from './storage/checked-stream.js';
export { ObjectChecksumError } from './storage/errors.js';
export { parseLakeLocation } from './storage/lake-location.js';
export type { ObjectStore } from './storage/object-store.js';
export { openObjectStore } from './storage/open-object-store.js';
export { containerSpec } from './encoding/wire-sql.js';
export type { StreamSlotsResult } from './write/write-stream-slots.js';
