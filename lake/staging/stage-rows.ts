import { join } from 'node:path';
import { checkSourceRow } from '../encoding/check-source-row.js';
import { LineFileWriter } from '../encoding/line-file-writer.js';
import type { LakeColumn } from '../encoding/row-encoder.js';
import type { SourceRow } from '../encoding/source-row.js';

export interface StagedRows {
  /** NDJSON of the rows that passed the checks, in the lake's column names */
  dataFile: string;
  /** NDJSON of the rows set aside, each with its reason */
  quarantineFile: string;
  rows: number;
  quarantined: number;
}

export interface StageOptions {
  dir: string;
  columns: readonly LakeColumn[];
  rows: AsyncIterable<SourceRow>;
  /** called every `progressEvery` rows so a long pull can heartbeat */
  onProgress?: (seen: number) => void;
  progressEvery?: number;
}

/**
 * Streams source rows to two local files: good rows for DuckDB, bad rows for the quarantine.
 * Nothing is held in memory beyond one row; a bad row never stops the rest.
 */
export async function stageRows(opts: StageOptions): Promise<StagedRows> {
  const dataFile = join(opts.dir, 'rows.ndjson');
  const quarantineFile = join(opts.dir, 'quarantine.ndjson');
  const data = await LineFileWriter.open(dataFile);
  const quarantine = await LineFileWriter.open(quarantineFile);
  const every = opts.progressEvery ?? 5000;
  let seen = 0;
  try {
    for await (const row of opts.rows) {
      seen++;
      const checked = checkSourceRow(opts.columns, row);
      if (checked.ok) {
        await data.write(checked.json);
      } else {
        await quarantine.write(JSON.stringify({ reason: checked.reason, raw: checked.raw }));
      }
      if (seen % every === 0) opts.onProgress?.(seen);
    }
  } finally {
    await data.close();
    await quarantine.close();
  }
  return { dataFile, quarantineFile, rows: data.count, quarantined: quarantine.count };
}
