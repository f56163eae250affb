/**
 * The /info and /ksql answers the client reads, as zod schemas (unknown fields pass, missing ones
 * fail), and their conversion into the client's result types.
 */
import { z } from 'zod';
import { type DescribeSchema, fromDescribeSchema, type KsqlType } from './ksql-type.js';

export const serverInfoSchema = z.object({
  KsqlServerInfo: z.object({
    version: z.string(),
    kafkaClusterId: z.string(),
    ksqlServiceId: z.string(),
    // Absent from old docs samples; present on every server since 0.22.
    serverStatus: z.string().nullable().optional(),
  }),
});

export interface ServerInfo {
  version: string;
  kafkaClusterId: string;
  ksqlServiceId: string;
  /** `RUNNING`, `ERROR` or `DEGRADED`; null if the server did not say. */
  serverStatus: string | null;
}

const sourceInfoSchema = z.object({
  type: z.enum(['STREAM', 'TABLE']),
  name: z.string(),
  topic: z.string(),
  keyFormat: z.string(),
  valueFormat: z.string(),
  isWindowed: z.boolean(),
});
export type SourceInfo = z.infer<typeof sourceInfoSchema>;

export const streamsEntitySchema = z.object({ '@type': z.literal('streams'), streams: z.array(sourceInfoSchema) });
export const tablesEntitySchema = z.object({ '@type': z.literal('tables'), tables: z.array(sourceInfoSchema) });

const describeSchemaSchema: z.ZodType<DescribeSchema> = z.lazy(() =>
  z.object({
    type: z.string(),
    fields: z.array(z.object({ name: z.string(), schema: describeSchemaSchema })).nullable().optional(),
    memberSchema: describeSchemaSchema.nullable().optional(),
    parameters: z.object({ precision: z.number().optional(), scale: z.number().optional() }).nullable().optional(),
  }),
);

const runningQuerySchema = z.object({
  id: z.string(),
  queryString: z.string(),
  state: z.string().nullable().optional(),
});

export const sourceDescriptionEntitySchema = z.object({
  '@type': z.literal('sourceDescription'),
  sourceDescription: z.object({
    name: z.string(),
    type: z.enum(['STREAM', 'TABLE']),
    topic: z.string(),
    timestamp: z.string().nullable().optional(),
    keyFormat: z.string(),
    valueFormat: z.string(),
    fields: z.array(
      z.object({ name: z.string(), schema: describeSchemaSchema, type: z.string().nullable().optional() }),
    ),
    readQueries: z.array(runningQuerySchema).default([]),
    writeQueries: z.array(runningQuerySchema).default([]),
  }),
});

/** A persistent query reading from or writing to the source. */
export interface RunningQuery {
  id: string;
  queryString: string;
  /** `RUNNING`, `ERROR`, …; null if not reported. */
  state: string | null;
}

export interface SourceDescription {
  name: string;
  type: 'STREAM' | 'TABLE';
  topic: string;
  /** The `WITH (TIMESTAMP=…)` column, or null when ROWTIME is the Kafka record time. */
  timestampColumn: string | null;
  keyFormat: string;
  valueFormat: string;
  /** Value and key columns as DESCRIBE lists them (pseudo-columns like ROWTIME are not listed). */
  columns: Array<{ name: string; type: KsqlType; key: boolean }>;
  /** Persistent queries reading this source. */
  readQueries: RunningQuery[];
  /** Persistent queries writing it: empty for a plain CREATE STREAM/TABLE (a table then is not pull-queryable). */
  writeQueries: RunningQuery[];
}

/** DESCRIBE's entity in the client's shape; throws KsqlTypeParseError on a type it cannot read. */
export function toSourceDescription(entity: z.infer<typeof sourceDescriptionEntitySchema>): SourceDescription {
  const source = entity.sourceDescription;
  return {
    name: source.name,
    type: source.type,
    topic: source.topic,
    timestampColumn: source.timestamp ? source.timestamp : null,
    keyFormat: source.keyFormat,
    valueFormat: source.valueFormat,
    columns: source.fields.map((field) => ({
      name: field.name,
      type: fromDescribeSchema(field.schema),
      key: field.type === 'KEY',
    })),
    readQueries: source.readQueries.map(toRunningQuery),
    writeQueries: source.writeQueries.map(toRunningQuery),
  };
}

function toRunningQuery(query: z.infer<typeof runningQuerySchema>): RunningQuery {
  return { id: query.id, queryString: query.queryString, state: query.state ?? null };
}
