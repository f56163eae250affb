import { z } from 'zod';
import { rollbackEntrySchema } from '../metadata/feed-metadata.js';
import { runRecordSchema } from '../metadata/run-log.js';

/**
 * What `ksql-etl status` knows about the lake, as one typed value: the command prints it as text or
 * JSON, and a report can render it as HTML. Built by `lakeStatus` (lake/status/lake-status.ts) from
 * metadata and run logs only.
 */

/**
 * done: exported with rows · empty: exported, the source had none · late: re-exported with more rows
 * than before · failed: the latest export attempt covering it failed · missing: never exported
 * though due · pending: not due yet (after the newest slot exported, and its end within the feed's max lag)
 */
export const slotStateSchema = z.enum(['done', 'empty', 'late', 'failed', 'missing', 'pending']);

export const slotStatusSchema = z.object({
  start: z.string(),
  end: z.string(),
  state: slotStateSchema,
  /** what the lake holds for it (a failed re-export leaves the earlier export in place) */
  rows: z.number().int().nullable(),
  previousRows: z.number().int().nullable(),
  quarantined: z.number().int().nullable(),
  bytes: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  exportedAt: z.string().nullable(),
  runId: z.string().nullable(),
  /** the failed attempt, when state is failed */
  failure: z.object({ type: z.string(), message: z.string(), at: z.string(), workflowId: z.string() }).nullable(),
});

export const freshnessSchema = z.object({
  /** end of the newest slot exported, or publish time of the newest version; null before any */
  newest: z.string().nullable(),
  lagMs: z.number().int().nullable(),
  /** the feed's bound; null = none (a table without maxLag) */
  maxLagMs: z.number().int().nullable(),
  stale: z.boolean(),
});

export const streamFeedStatusSchema = z.object({
  feed: z.string(),
  kind: z.literal('stream'),
  source: z.string(),
  slotMs: z.number().int(),
  schemaId: z.string().nullable(),
  /** the slots of the asked range, widened to the feed's slot boundaries */
  range: z.object({ from: z.string(), to: z.string() }),
  slots: z.array(slotStatusSchema),
  counts: z.record(slotStateSchema, z.number().int()),
  freshness: freshnessSchema,
  latestRuns: z.array(runRecordSchema),
});

export const versionStatusSchema = z.object({
  version: z.number().int(),
  rows: z.number().int(),
  quarantined: z.number().int(),
  bytes: z.number().int(),
  checksum: z.string(),
  publishedAt: z.string(),
  ageMs: z.number().int(),
  durationMs: z.number().int().nullable(),
  schemaId: z.string().nullable(),
  current: z.boolean(),
  /** loaded into the warehouse (false too when the feed has no warehouse target) */
  inWarehouse: z.boolean(),
});

export const tableFeedStatusSchema = z.object({
  feed: z.string(),
  kind: z.literal('table'),
  source: z.string(),
  schemaId: z.string().nullable(),
  keepVersions: z.number().int(),
  /** newest first */
  versions: z.array(versionStatusSchema),
  current: z.number().int().nullable(),
  /** null when the feed has no warehouse target */
  warehouse: z.object({ versions: z.array(z.number().int()), current: z.number().int().nullable() }).nullable(),
  freshness: freshnessSchema,
  /** the latest export attempt failed */
  lastRunFailed: z.boolean(),
  rollbacks: z.array(rollbackEntrySchema),
  latestRuns: z.array(runRecordSchema),
});

export const feedStatusSchema = z.discriminatedUnion('kind', [streamFeedStatusSchema, tableFeedStatusSchema]);

export const lakeStatusSchema = z.object({
  generatedAt: z.string(),
  range: z.object({ from: z.string(), to: z.string() }),
  feeds: z.array(feedStatusSchema),
  /** one line per thing someone should look at: missing or failed slots, stale feeds, failed runs */
  problems: z.array(z.string()),
  /** no problems: what the exit code (0 or 1) says */
  healthy: z.boolean(),
});

export type SlotState = z.infer<typeof slotStateSchema>;
export type SlotStatus = z.infer<typeof slotStatusSchema>;
export type Freshness = z.infer<typeof freshnessSchema>;
export type StreamFeedStatus = z.infer<typeof streamFeedStatusSchema>;
export type VersionStatus = z.infer<typeof versionStatusSchema>;
export type TableFeedStatus = z.infer<typeof tableFeedStatusSchema>;
export type FeedStatus = z.infer<typeof feedStatusSchema>;
export type LakeStatus = z.infer<typeof lakeStatusSchema>;
