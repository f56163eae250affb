import { join } from 'node:path';
import { stringify } from 'lossless-json';
import { LineFileWriter } from './line-file-writer.js';
import { encodeRow, type LakeColumn } from './row-encoder.js';
import type { SourceRow } from './source-row.js';

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
  /** a further check on an encoded row (e.g. ROWTIME inside the requested range); a reason rejects it */
  check?: (values: Record<string, unknown>) => string | null;
  /** called on every row set aside, e.g. to count them per slot */
  onQuarantine?: (row: SourceRow) => void;
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
      if (row.kind === 'malformed') {
        await quarantine.write(JSON.stringify({ reason: row.reason, raw: row.raw }));
        opts.onQuarantine?.(row);
      } else {
        const encoded = encodeRow(opts.columns, row.values);
        const reason = encoded.ok ? (opts.check?.(encoded.values) ?? null) : encoded.reason;
        if (encoded.ok && reason === null) {
          await data.write(encoded.json);
        } else {
          await quarantine.write(JSON.stringify({ reason, raw: stringify(row.values) }));
          opts.onQuarantine?.(row);
        }
      }
      if (seen % every === 0) opts.onProgress?.(seen);
    }
  } finally {
    await data.close();
    await quarantine.close();
  }
  return { dataFile, quarantineFile, rows: data.count, quarantined: quarantine.count };
}
