import { z } from 'zod';
import { DURATION_PATTERN, durationMs } from './duration-ms.js';
import { identifierSchema, ksqlSourceNameSchema } from './names.js';

const DAY_MS = 86_400_000;

const slotSchema = z
  .string()
  .regex(DURATION_PATTERN, 'must be a duration like 15m, 1h or 1d')
  // Slots must tile a UTC day so that one slot never spans two date partitions.
  .refine((text) => DAY_MS % durationMs(text) === 0, 'must divide one day evenly (e.g. 5m, 15m, 1h, 6h, 1d)');

const commonFields = {
  /** feed id; must equal the file name without `.json` */
  id: identifierSchema,
  description: z.string().optional(),
  /** the ksqlDB stream or table to read */
  source: ksqlSourceNameSchema,
  /**
   * What to do when ksqlDB's columns differ from the ones recorded at the first export:
   * `freeze` fails the run (nothing written) and names the columns; `evolve` accepts the new schema.
   */
  schemaChange: z.enum(['freeze', 'evolve']).default('freeze'),
  /**
   * How old the newest slot (streams) or version (tables) may get before `ksql-etl status` calls the
   * feed stale. Streams default to two slots plus the schedule's delay (config/max-lag.ts); a table
   * without it is never called stale.
   */
  maxLag: z.string().regex(DURATION_PATTERN, 'must be a duration like 15m, 1h or 1d').optional(),
};

export const streamFeedSchema = z.strictObject({
  ...commonFields,
  kind: z.literal('stream'),
  /** size of one slot `[start, end)` on ROWTIME: the unit of idempotency */
  slot: slotSchema.default('1h'),
  /** files are laid out by event date (`date=YYYY-MM-DD`) */
  partitionBy: z.literal('date').default('date'),
  /** new slots add files; re-exporting a slot replaces its file */
  mode: z.literal('append').default('append'),
  /** date partitions older than this many days are deleted by `ksql-etl retention` */
  retentionDays: z.number().int().positive().default(365),
});

export const warehouseTargetSchema = z.strictObject({
  /** fact table that receives every snapshot version */
  fact: identifierSchema,
  /** dimensions filled from the snapshot's distinct keys before the facts (same transaction) */
  dimensions: z
    .array(z.strictObject({ table: identifierSchema, key: identifierSchema }))
    .default([]),
});

export const tableFeedSchema = z.strictObject({
  ...commonFields,
  kind: z.literal('table'),
  /** whole snapshots, one `version=N` directory each */
  mode: z.literal('overwrite').default('overwrite'),
  /**
   * how many snapshot versions `ksql-etl retention` keeps; older ones are deleted unless current or
   * still held by the warehouse
   */
  keepVersions: z.number().int().positive().default(30),
  /** load each snapshot into this fact table; absent = lake only */
  warehouse: warehouseTargetSchema.optional(),
});

export const feedSchema = z.discriminatedUnion('kind', [streamFeedSchema, tableFeedSchema]);

export type Feed = z.infer<typeof feedSchema>;
export type StreamFeed = z.infer<typeof streamFeedSchema>;
export type TableFeed = z.infer<typeof tableFeedSchema>;
export type WarehouseTarget = z.infer<typeof warehouseTargetSchema>;
