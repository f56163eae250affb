import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { DuckDBInstance } from '@duckdb/node-api';
import { quotedIdentifier, quotedString } from '@duckdb/node-api';
import { describeVersion, parquetSource } from './read-version.js';

export interface ReadVersionTextOptions {
  /** the columns to write, in this order (default: all of the version's columns) */
  columns?: readonly string[];
  /** distinct rows only (e.g. a dimension's keys) */
  distinct?: boolean;
  /**
   * `mysql-csv`: comma-separated, every text value in double quotes (a quote inside doubled), NULL
   * as the bare word NULL, one row per line — what `LOAD DATA … FIELDS TERMINATED BY ','
   * OPTIONALLY ENCLOSED BY '"' ESCAPED BY ''` reads back exactly. Nested values are JSON text,
   * booleans 0/1.
   */
  format: 'mysql-csv';
}

export interface VersionText {
  columns: string[];
  rows: number;
  /** the text, streamed from a private staging file that is removed when the stream closes */
  stream: Readable;
}

/**
 * One table version as delimited text, written by DuckDB's own (parallel) COPY to a staging file
 * outside every reader's glob: the fastest way to hand a version to a bulk loader, and the version
 * never sits in this process's memory.
 */
export async function readVersionText(duckdb: DuckDBInstance, stagingRoot: string, files: readonly string[], opts: ReadVersionTextOptions): Promise<VersionText> {
  const source = parquetSource(files);
  const described = await describeVersion(duckdb, source);
  const wanted = opts.columns ?? described.map((c) => c.name);
  const types = new Map(described.map((c) => [c.name, c.type]));
  const select = wanted.map((name) => textExpression(name, types.get(name) ?? 'VARCHAR')).join(', ');
  const quoted = wanted.filter((name) => isText(types.get(name) ?? 'VARCHAR')).map(quotedIdentifier);
  await mkdir(stagingRoot, { recursive: true });
  const file = join(stagingRoot, `read--${randomUUID()}.csv`);
  const connection = await duckdb.connect();
  let rows: number;
  try {
    const result = await connection.runAndReadAll(
      `COPY (SELECT ${opts.distinct ? 'DISTINCT ' : ''}${select} FROM ${source})
         TO ${quotedString(file)} (FORMAT CSV, HEADER false, DELIMITER ',', QUOTE '"', ESCAPE '"', NULLSTR 'NULL'${quoted.length ? `, FORCE_QUOTE (${quoted.join(', ')})` : ''})`,
    );
    rows = Number(result.getRows()[0]?.[0] ?? 0);
  } catch (err) {
    await rm(file, { force: true });
    throw err;
  } finally {
    connection.closeSync();
  }
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  stream.once('close', () => void rm(file, { force: true }));
  return { columns: [...wanted], rows, stream };
}

/** The select expression that gives a column its text form; keeps the column's name. */
function textExpression(name: string, type: string): string {
  const id = quotedIdentifier(name);
  if (type === 'BOOLEAN') return `CAST(${id} AS INTEGER) AS ${id}`;
  if (isNested(type)) return `CAST(to_json(${id}) AS VARCHAR) AS ${id}`;
  return id;
}

function isNested(type: string): boolean {
  return type.endsWith('[]') || type.startsWith('STRUCT') || type.startsWith('MAP');
}

/** Values that may hold a comma, a quote or a line break, and so are always enclosed. */
function isText(type: string): boolean {
  return type === 'VARCHAR' || isNested(type) || type.startsWith('TIMESTAMP') || type === 'DATE' || type === 'TIME';
}
