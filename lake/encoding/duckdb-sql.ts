import { quotedIdentifier, quotedString } from '@duckdb/node-api';
import { duckDbType } from './duckdb-types.js';
import type { LakeColumn } from './row-encoder.js';

/** `read_json(...)` over a staged NDJSON file with every column's type spelled out (no sniffing). */
export function readStagedJson(file: string, columns: readonly LakeColumn[]): string {
  const spec = columns.map((c) => `${quotedString(c.name)}: ${quotedString(duckDbType(c.type))}`).join(', ');
  return `read_json(${quotedString(file)}, format = 'newline_delimited', columns = {${spec}})`;
}

/** The select list that turns staged JSON into lake columns. */
export function lakeSelectList(columns: readonly LakeColumn[], opts: { rowtimeColumn?: string } = {}): string {
  return columns
    .map((c) => {
      const id = quotedIdentifier(c.name);
      // ROWTIME arrives as epoch millis; the lake keeps it as a real timestamp (UTC).
      if (c.name === opts.rowtimeColumn) return `make_timestamp(${id} * 1000) AS ${id}`;
      if (c.type.kind === 'scalar' && c.type.name === 'BYTES') return `from_base64(${id}) AS ${id}`;
      return id;
    })
    .join(', ');
}

/** The type a column has in the Parquet file `lakeSelectList` writes (what the metadata records). */
export function parquetType(column: LakeColumn, opts: { rowtimeColumn?: string } = {}): string {
  if (column.name === opts.rowtimeColumn) return 'TIMESTAMP';
  if (column.type.kind === 'scalar' && column.type.name === 'BYTES') return 'BLOB';
  return duckDbType(column.type);
}

/**
 * Rows per Parquet row group. A COPY holds a whole row group in memory before writing it, so this
 * bounds a write's memory whatever the slot's or snapshot's size (DuckDB's default of 122,880 rows
 * held ~100 MB more per COPY of a wide stream's busy slot). Readers still skip row groups by their
 * statistics, a little finer than before.
 */
export const ROW_GROUP_ROWS = 16_384;

export const PARQUET_OPTIONS = `FORMAT PARQUET, COMPRESSION SNAPPY, ROW_GROUP_SIZE ${ROW_GROUP_ROWS}`;
