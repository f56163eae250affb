import { z } from 'zod';
import { warehouseTargetSchema } from './feed-schema.js';
import { ksqlSourceNameSchema } from './names.js';
import { readJsonFile } from './read-json-file.js';

/**
 * What `feeds sync` writes for one ksqlDB source beyond the defaults every stream or table gets.
 * No zod defaults here: a field left out must stay out, so the general default applies.
 */
export const sourceOverridesSchema = z.strictObject({
  /** streams: date partitions older than this many days are pruned */
  retentionDays: z.number().int().positive().optional(),
  /** tables: snapshot versions the lake keeps */
  keepVersions: z.number().int().positive().optional(),
  /** tables: the fact table (and dimensions) each snapshot is loaded into */
  warehouse: warehouseTargetSchema.optional(),
});

export const sourceDefaultsSchema = z.strictObject({
  /** keyed by the ksqlDB source name as SHOW STREAMS / SHOW TABLES print it (upper case) */
  sources: z.record(ksqlSourceNameSchema, sourceOverridesSchema),
});

export type SourceOverrides = z.infer<typeof sourceOverridesSchema>;
export type SourceDefaults = z.infer<typeof sourceDefaultsSchema>;

/** Reads a source-defaults file; errors name the file and the field. */
export function loadSourceDefaults(path: string): Promise<SourceDefaults> {
  return readJsonFile(path, sourceDefaultsSchema);
}

/** The overrides for `sourceName`, matched without regard to case as ksqlDB does. */
export function overridesFor(defaults: SourceDefaults, sourceName: string): SourceOverrides {
  const wanted = sourceName.toUpperCase();
  const key = Object.keys(defaults.sources).find((name) => name.toUpperCase() === wanted);
  return key ? (defaults.sources[key] ?? {}) : {};
}
