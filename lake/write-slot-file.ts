import { rm } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quotedString } from '@duckdb/node-api';
import { lakeSelectList, PARQUET_OPTIONS, readStagedJson } from './duckdb-sql.js';
import type { StreamColumns } from './row-encoder.js';
import type { StagedSlot, StreamStaging } from './stream-staging.js';
import { checkedWireSelect } from './wire-sql.js';

/**
 * One slot's Parquet file from its staged lines, in one DuckDB pass: the lines are parsed and
 * checked in bulk and the rows the encoder rescued are added, in arrival order. Only when DuckDB wrote fewer rows than were staged (a suspect row) are
 * the suspects read back and put through the exact encoder, and the file written again.
 * Returns the rows written; a slot left with none gets no file.
 */
export async function writeSlotFile(
  connection: DuckDBConnection,
  staging: StreamStaging,
  columns: StreamColumns,
  slot: StagedSlot,
  slotMs: number,
  target: string,
): Promise<number> {
  const checked = checkedWireSelect(columns, slot.linesFile, { startMs: slot.startMs, endMs: slot.startMs + slotMs });
  const copy = async (): Promise<number> => {
    await staging.flush();
    const branches = [
      ...(slot.lines > 0 ? [`SELECT * EXCLUDE (seq, line, ok) FROM (${checked}) WHERE ok`] : []),
      ...(slot.rescued > 0 ? [`SELECT ${lakeSelectList(columns, { rowtimeColumn: 'rowtime' })} FROM ${readStagedJson(slot.rescuedFile, columns)}`] : []),
    ];
    // No sort: DuckDB keeps insertion order, so the same rows sent in the same order give the same
    // file, and the content checksum does not depend on order at all. (ORDER BY ALL cost a quarter
    // of the pass; a sort would also need memory that grows with the slot.)
    const reader = await connection.runAndReadAll(`COPY (${branches.join(' UNION ALL ')}) TO ${quotedString(target)} (${PARQUET_OPTIONS})`);
    return Number(reader.getRows()[0]![0]);
  };
  let written = await copy();
  if (written !== slot.lines + slot.rescued) {
    let suspects = 0;
    const result = await connection.stream(`SELECT seq, line FROM (${checked}) WHERE NOT ok ORDER BY seq`);
    for await (const rows of result.yieldRowsJs()) {
      for (const [seq, line] of rows) {
        suspects++;
        await staging.recheck(Number(seq), staging.decode(String(line)));
      }
    }
    written = await copy();
    if (written !== slot.lines - suspects + slot.rescued) {
      throw new Error(`slot ${new Date(slot.startMs).toISOString()}: DuckDB wrote ${written} rows of ${slot.lines - suspects + slot.rescued}; its checks disagree between two reads`);
    }
  }
  if (written === 0) await rm(target, { force: true });
  return written;
}
