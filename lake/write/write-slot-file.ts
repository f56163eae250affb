import { rm } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quotedString } from '@duckdb/node-api';
import { lakeSelectList, PARQUET_OPTIONS, readStagedJson } from '../encoding/duckdb-sql.js';
import type { StreamColumns } from '../encoding/row-encoder.js';
import type { StagedPart, StreamStaging } from '../staging/stream-staging.js';
import { checkedWireSelect } from '../encoding/wire-sql.js';

/**
 * One sealed part of a slot as a Parquet file, in one DuckDB pass: the lines are parsed and
 * checked in bulk and the rows the encoder rescued are added, in arrival order. Only when DuckDB
 * wrote fewer rows than were staged (a suspect row) are the suspects read back and put through the
 * exact encoder, and the file written again. Returns the rows written; a part left with none gets no file.
 */
export async function writeSlotFile(
  connection: DuckDBConnection,
  staging: StreamStaging,
  columns: StreamColumns,
  part: StagedPart,
  slotMs: number,
  target: string,
): Promise<number> {
  const checked = checkedWireSelect(columns, part.linesFile, { startMs: part.startMs, endMs: part.startMs + slotMs });
  const copy = async (): Promise<number> => {
    await staging.closeFiles(part);
    const branches = [
      ...(part.lines > 0 ? [`SELECT * EXCLUDE (seq, line, ok) FROM (${checked}) WHERE ok`] : []),
      ...(part.rescued > 0 ? [`SELECT ${lakeSelectList(columns, { rowtimeColumn: 'rowtime' })} FROM ${readStagedJson(part.rescuedFile, columns)}`] : []),
    ];
    // No sort: DuckDB keeps insertion order, so the same rows sent in the same order give the same
    // file, and the content checksum does not depend on order at all. (ORDER BY ALL cost a quarter
    // of the pass; a sort would also need memory that grows with the slot.)
    const reader = await connection.runAndReadAll(`COPY (${branches.join(' UNION ALL ')}) TO ${quotedString(target)} (${PARQUET_OPTIONS})`);
    return Number(reader.getRows()[0]![0]);
  };
  let written = await copy();
  if (written !== part.lines + part.rescued) {
    let suspects = 0;
    const result = await connection.stream(`SELECT seq, line FROM (${checked}) WHERE NOT ok ORDER BY seq`);
    for await (const rows of result.yieldRowsJs()) {
      for (const [seq, line] of rows) {
        suspects++;
        await staging.recheck(Number(seq), staging.decode(String(line)), part);
      }
    }
    written = await copy();
    if (written !== part.lines - suspects + part.rescued) {
      throw new Error(`slot ${new Date(part.startMs).toISOString()}: DuckDB wrote ${written} rows of ${part.lines - suspects + part.rescued}; its checks disagree between two reads`);
    }
  }
  if (written === 0) await rm(target, { force: true });
  return written;
}
