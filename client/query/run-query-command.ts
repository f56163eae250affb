import { stat } from 'node:fs/promises';
import { z } from 'zod';
import type { LakeSettings } from '../../config/env.js';
import { Lake, parseLakeLocation } from '../../lake/index.js';
import { UsageError } from '../common/usage-error.js';
import { formatQueryResult, queryFormatSchema } from './format-query-result.js';

/** What `ksql-etl query` takes (named apart from the ksqlDB client's `QueryOptions`). */
export const lakeQueryOptionsSchema = z.object({
  /** DuckDB SQL; feeds are views by their id, `table_at('<feed>', <version>)` reads a kept version */
  sql: z.string().min(1),
  format: queryFormatSchema,
});
export type LakeQueryOptions = z.infer<typeof lakeQueryOptionsSchema>;

/** Runs one query over the lake at LAKE_DIR and prints its result; refused SQL throws `LakeQueryError`. */
export async function runQueryCommand(env: LakeSettings, out: (line: string) => void, options: LakeQueryOptions): Promise<void> {
  const location = parseLakeLocation(env.LAKE_DIR);
  // Opening a lake in a folder creates it: a mistyped LAKE_DIR must not become an empty lake. (An S3
  // lake is created by nothing but writes; a wrong prefix answers that the feeds are unknown.)
  if (location.kind === 'local' && !(await stat(location.root).catch(() => null))?.isDirectory()) {
    throw new UsageError(`no lake at ${location.root} (set LAKE_DIR)`);
  }
  const lake = await Lake.fromEnv(env);
  try {
    formatQueryResult(await lake.runQuery(options.sql), options.format).forEach(out);
  } finally {
    lake.close();
  }
}
