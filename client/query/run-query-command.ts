import { stat } from 'node:fs/promises';
import { Lake } from '../../lake/lake.js';
import type { QueryOptions } from '../commands/query.js';
import { UsageError } from '../usage-error.js';
import { formatQueryResult } from './format-query-result.js';

/** Runs one query over the lake at LAKE_DIR and prints its result; refused SQL throws `LakeQueryError`. */
export async function runQueryCommand(root: string, out: (line: string) => void, options: QueryOptions): Promise<void> {
  // Opening a lake creates its directory: a mistyped LAKE_DIR must not become an empty lake.
  if (!(await stat(root).catch(() => null))?.isDirectory()) throw new UsageError(`no lake at ${root} (set LAKE_DIR)`);
  const lake = await Lake.open(root);
  try {
    formatQueryResult(await lake.runQuery(options.sql), options.format).forEach(out);
  } finally {
    lake.close();
  }
}
