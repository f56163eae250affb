import { parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { parseKsqlType } from '../../../ksqldb/ksql-type.js';
import { encodeRow, toLakeColumns } from '../../../lake/encoding/row-encoder.js';

const columns = (spec: Record<string, string>) =>
  toLakeColumns(Object.entries(spec).map(([name, type]) => ({ name, type: parseKsqlType(type) })));
const row = (text: string) => parse(text) as unknown[];

describe('encodeRow', () => {
  it('keeps BIGINT and DECIMAL text exact', () => {
    const encoded = encodeRow(columns({ B: 'BIGINT', D: 'DECIMAL(20, 2)', X: 'DOUBLE' }), row('[123456789123456789, 123456789012345678.30, 100.0]'));
    expect(encoded).toMatchObject({ ok: true, values: { b: '123456789123456789', d: '123456789012345678.30', x: 100 } });
  });

  it('rejects a wrong type with the column and the value named', () => {
    const encoded = encodeRow(columns({ ID: 'STRING', AMOUNT: 'DOUBLE' }), row('["tx-1", "abc"]'));
    expect(encoded).toEqual({ ok: false, reason: 'column AMOUNT: expected DOUBLE, got string "abc"' });
  });

  it('rejects values out of range and decimals that do not fit', () => {
    expect(encodeRow(columns({ I: 'INTEGER' }), row('[2147483648]'))).toMatchObject({ ok: false, reason: expect.stringContaining('out of INTEGER range') });
    expect(encodeRow(columns({ D: 'DECIMAL(4, 2)' }), row('[123.4]'))).toMatchObject({ ok: false, reason: expect.stringContaining('does not fit DECIMAL(4, 2)') });
    expect(encodeRow(columns({ D: 'DECIMAL(4, 2)' }), row('[1.234]'))).toMatchObject({ ok: false });
  });

  it('rejects a row whose length differs from the header', () => {
    expect(encodeRow(columns({ A: 'STRING', B: 'STRING' }), ['x'])).toMatchObject({ ok: false, reason: 'row has 1 values, the header has 2 columns' });
  });

  it('lower-cases struct fields and turns nested temporal numbers into text', () => {
    const type = 'ARRAY<STRUCT<`PRODUCT_ID` STRING, `AT` TIMESTAMP, `ON` DATE, `T` TIME>>';
    const encoded = encodeRow(columns({ P: type }), row('[[{"PRODUCT_ID":"p-1","AT":1714557600000,"ON":19844,"T":36000000}]]'));
    expect(encoded).toMatchObject({
      ok: true,
      values: { p: [{ product_id: 'p-1', at: '2024-05-01T10:00:00.000', on: '2024-05-01', t: '10:00:00.000' }] },
    });
  });

  it('rejects undeclared struct fields rather than dropping them', () => {
    const encoded = encodeRow(columns({ S: 'STRUCT<`A` INTEGER>' }), row('[{"A":1,"B":2}]'));
    expect(encoded).toMatchObject({ ok: false, reason: 'column S: STRUCT has undeclared field(s) B' });
  });

  it('accepts nulls anywhere and maps', () => {
    const encoded = encodeRow(columns({ M: 'MAP<STRING, INTEGER>', N: 'STRING' }), row('[{"k":1,"z":null}, null]'));
    expect(encoded).toMatchObject({ ok: true, values: { m: { k: 1, z: null }, n: null } });
  });
});
