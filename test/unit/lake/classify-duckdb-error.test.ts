import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyDuckDbError, LakeIoError, LakeSchemaError } from '../../../lake/common/errors.js';

/** Real DuckDB errors (in memory, no files), so the prefixes are the ones DuckDB writes today. */
describe('classifyDuckDbError', () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
  });
  afterAll(() => {
    connection.closeSync();
    instance.closeSync();
  });

  async function duckDbError(sql: string): Promise<Error> {
    const error = await connection.run(sql).then(() => undefined, (err: unknown) => err);
    if (!(error instanceof Error)) throw new Error(`expected ${sql} to fail`);
    return error;
  }

  it.each([
    ['Conversion Error:', "SELECT CAST('abc' AS INTEGER)"],
    ['Binder Error:', 'SELECT nope FROM (SELECT 1 AS a)'],
    ['Parser Error:', 'SELEC 1'],
    ['Invalid Input Error:', `SELECT from_json('{', '{"a":"INT"}')`],
  ])('%s → terminal LakeSchemaError naming the context, cause kept', async (prefix, sql) => {
    const raw = await duckDbError(sql);
    expect(raw.message.startsWith(prefix)).toBe(true);
    const error = classifyDuckDbError(raw, 'feed t, COPY to slot 2026-11-24T10');
    expect(error).toBeInstanceOf(LakeSchemaError);
    expect(error).toMatchObject({ name: 'LakeSchemaError', retryable: false, cause: raw });
    expect(error.message).toBe(`feed t, COPY to slot 2026-11-24T10: ${raw.message}`);
  });

  it.each([
    ['a missing input file', "SELECT * FROM read_parquet('/nonexistent/x.parquet')"],
    ['an unwritable target', "COPY (SELECT 1) TO '/proc/nope/x.parquet' (FORMAT parquet)"],
  ])('IO Error (%s) → retryable LakeIoError', async (_, sql) => {
    const raw = await duckDbError(sql);
    expect(raw.message).toMatch(/^IO Error:/);
    const error = classifyDuckDbError(raw, 'publish');
    expect(error).toBeInstanceOf(LakeIoError);
    expect(error).toMatchObject({ name: 'LakeIoError', retryable: true, message: `publish: ${raw.message}` });
  });

  it('leaves any other DuckDB error unchanged (so it is retried)', async () => {
    const raw = await duckDbError('SELECT * FROM missing_table');
    expect(raw.message).toMatch(/^Catalog Error:/);
    expect(classifyDuckDbError(raw, 'ctx')).toBe(raw);
  });

  it('only matches the prefix at the start of the message', () => {
    const raw = new Error('wrapped: IO Error: disk full');
    expect(classifyDuckDbError(raw, 'ctx')).toBe(raw);
  });

  it('turns a thrown non-Error into an Error with its text', () => {
    const error = classifyDuckDbError('IO Error: boom as a string', 'ctx');
    expect(error).toBeInstanceOf(LakeIoError);
    const other = classifyDuckDbError(42, 'ctx');
    expect(other).toBeInstanceOf(Error);
    expect(other.message).toBe('42');
  });
});
