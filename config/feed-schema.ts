import { z } from 'zod';
import { DURATION_PATTERN, durationMs } from './duration-ms.js';
import { identifierSchema, ksqlSourceNameSchema } from './names.js';

const DAY_MS = 86_400_000;

const slotSchema = z
  .string()
  .regex(DURATION_PATTERN, 'must be a duration like 15m, 1h or 1d')
  // Slots must tile a UTC day so that one slot never spans two date partitions.
  // A text the pattern refused is reported once, by the regex, not thrown by durationMs.
  .refine((text) => !DURATION_PATTERN.test(text) || DAY_MS % durationMs(text) === 0, 'must divide one day evenly (e.g. 5m, 15m, 1h, 6h, 1d)');

export const schemaChangeSchema = z.enum(['freeze', 'evolve']);
export type SchemaChange = z.infer<typeof schemaChangeSchema>;

const commonFields = {
  /** feed id; must equal the file name without `.json` */
  id: identifierSchema,
  description: z.string().optional(),
  /** the ksqlDB stream or table to read */
  source: ksqlSourceNameSchema,
  /**
   * What to do when ksqlDB's columns differ from the ones recorded at the last export:
   * `freeze` fails the run (nothing written) and names the columns; `evolve` accepts added columns
   * (older files read as NULL for them). A removed or retyped column fails under both.
   */
  schemaChange: schemaChangeSchema.default('freeze'),
  /**
   * How old the newest slot (streams) or version (tables) may get before `ksql-etl status` calls the
   * feed stale. Streams default to two slots plus the schedule's delay (config/max-lag.ts); a table
   * without it is never called stale.
   */
  maxLag: z.string().regex(DURATION_PATTERN, 'must be a duration like 15m, 1h or 1d').optional(),
  /**
   * How many bad rows one run may set aside before it fails instead (nothing published); each
   * field defaults as in config/quarantine-threshold.ts (1,000 rows; 10 % of the rows seen, judged
   * once more than 10 rows were set aside).
   */
  quarantine: z.strictObject({
    maxRows: z.number().int().nonnegative().optional(),
    maxRatio: z.number().min(0).max(1).optional(),
    ratioMinRows: z.number().int().nonnegative().optional(),
  }).optional(),
};

const durationSchema = z.string().regex(DURATION_PATTERN, 'must be a duration like 15m, 1h or 1d');

/** IANA names only (`Europe/Paris`, `UTC`): the Temporal server resolves them with its own tz database. */
const timezoneSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/, 'must be an IANA time zone like UTC or Europe/Paris')
  .refine(isKnownTimeZone, 'is not a known IANA time zone (e.g. UTC, Europe/Paris)');

/** The five classic fields; the time zone goes in `timezone`, not in a `CRON_TZ=` prefix. */
const cronSchema = z
  .string()
  .regex(/^(@(yearly|annually|monthly|weekly|daily|hourly)|\S+( \S+){4})$/, 'must be a cron expression of 5 fields (minute hour day-of-month month day-of-week) or @hourly/@daily/…')
  .refine((text) => !/TZ=/.test(text), 'put the time zone in schedule.timezone, not in the expression');

const scheduleFields = {
  /** run at this interval (default: a stream's slot, a table's `1h`); mutually exclusive with `cron` */
  every: durationSchema.optional(),
  /** run at the times of this cron expression instead of an interval */
  cron: cronSchema.optional(),
  /** IANA zone the cron expression is read in (default `UTC`); intervals are counted from the Unix epoch */
  timezone: timezoneSchema.optional(),
};
const oneCadence = (s: { every?: string; cron?: string }) => !(s.every && s.cron);
const oneCadenceError = { message: 'give either every or cron, not both', path: ['cron'] };

/** When a stream is exported; each field may be left out (see config/feed-schedule.ts for defaults). */
export const streamScheduleSchema = z
  .strictObject({
    ...scheduleFields,
    /** wait this long after a window ends before exporting it, for late events (default `5m`; `0` for none) */
    delay: z.string().regex(/^(0|[1-9]\d*[mhd])$/, 'must be 0 or a duration like 5m or 1h').optional(),
  })
  .refine(oneCadence, oneCadenceError);

/** When a table snapshot is taken (default: every hour). */
export const tableScheduleSchema = z.strictObject(scheduleFields).refine(oneCadence, oneCadenceError);

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
  /** when `ksql-etl schedules apply` has Temporal export it; absent = every slot, 5 minutes after it ends */
  schedule: streamScheduleSchema.optional(),
}).refine(
  // Each run exports one interval: it must be whole slots, or the window would cut a slot file in two.
  (feed) => {
    const every = feed.schedule?.every;
    // Bad durations are reported by their own fields; this only compares two valid ones.
    if (!every || !DURATION_PATTERN.test(every) || !DURATION_PATTERN.test(feed.slot)) return true;
    return durationMs(every) % durationMs(feed.slot) === 0;
  },
  { message: 'must be a whole number of the feed\'s slots', path: ['schedule', 'every'] },
);

export const warehouseTargetSchema = z.strictObject({
  /** fact table that receives every snapshot version */
  fact: identifierSchema,
  /** dimensions filled from the snapshot's distinct keys before the facts (same transaction) */
  dimensions: z
    .array(
      z.strictObject({
        /** the dimension table */
        table: identifierSchema,
        /** the natural key: a column of the lake version and of the dimension */
        key: identifierSchema,
        /**
         * the dimension column the fact refers to. Default: the dimension's primary key, read from
         * the database; when it differs from `key` (a surrogate, e.g. `payment_method_id`), the
         * load writes that id into the fact's column of the same name instead of the natural key.
         */
        id: identifierSchema.optional(),
      }),
    )
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
  /** when `ksql-etl schedules apply` has Temporal take a snapshot; absent = every hour */
  schedule: tableScheduleSchema.optional(),
});

export const feedSchema = z.discriminatedUnion('kind', [streamFeedSchema, tableFeedSchema]);

export type Feed = z.infer<typeof feedSchema>;
export type StreamFeed = z.infer<typeof streamFeedSchema>;
export type TableFeed = z.infer<typeof tableFeedSchema>;
export type StreamSchedule = z.infer<typeof streamScheduleSchema>;
export type TableSchedule = z.infer<typeof tableScheduleSchema>;
export type WarehouseTarget = z.infer<typeof warehouseTargetSchema>;

function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
