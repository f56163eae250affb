import { describe, expect, it } from 'vitest';
import { ksqlRound, maskKeepRight, regexpReplace } from '../../../standin/data/ksql-functions.js';
import { javaDoubleToString } from '../../../standin/wire/java-double-to-string.js';
import { encodeRow, encodeValue } from '../../../standin/wire/encode-value.js';
import { parseKsqlType } from '../../../ksqldb/ksql-type.js';

describe('javaDoubleToString (Double.toString, as Jackson writes DOUBLE)', () => {
  it.each([
    [100, '100.0'], [0, '0.0'], [-0, '-0.0'], [1.5, '1.5'], [-2.25, '-2.25'], [0.1111, '0.1111'],
    [0.001, '0.001'], [0.0009, '9.0E-4'], [1.234e-5, '1.234E-5'], [9999999, '9999999.0'],
    [1e7, '1.0E7'], [1e10, '1.0E10'], [12345678.9, '1.23456789E7'], [17315.089999999997, '17315.089999999997'],
    [Number.MAX_VALUE, '1.7976931348623157E308'],
  ])('%s → %s', (value, expected) => {
    expect(javaDoubleToString(value)).toBe(expected);
  });
});

describe('ksqlRound (ROUND(DOUBLE, INT): BigDecimal.valueOf + HALF_UP, ties towards +∞)', () => {
  it.each([
    [2.675, 2, 2.68], // binary 2.67499999… but Double.toString says 2.675
    [1.005, 2, 1.01], [1.004999, 2, 1], [123.456, 2, 123.46], [17315.089999999997, 2, 17315.09],
    [0.125, 2, 0.13], [-0.125, 2, -0.12], [-1.5, 0, -1], [1.5, 0, 2], [99.995, 2, 100],
    [0.004, 2, 0], [46301.61000000001, 2, 46301.61], [5, 2, 5], [1234.5, -2, 1200],
  ])('ROUND(%s, %s) = %s', (value, places, expected) => {
    expect(ksqlRound(value, places)).toBe(expected);
  });
});

describe('scalar functions of the DDL', () => {
  it('MASK_KEEP_RIGHT keeps the last 4 and masks digits with *', () => {
    expect(maskKeepRight('4111-1111-1111-1111', 4, 'X', 'x', '*', '-')).toBe('****-****-****-1111');
    expect(maskKeepRight('My Test $123', 4)).toBe('Xx-Xxxx-$123');
    expect(maskKeepRight('ab', 4)).toBe('ab');
    expect(maskKeepRight(null, 4)).toBeNull();
  });

  it('REGEXP_REPLACE zeroes the last octet', () => {
    expect(regexpReplace('203.0.113.77', '[0-9]+$', '0')).toBe('203.0.113.0');
  });
});

describe('encodeValue', () => {
  const products = parseKsqlType('ARRAY<STRUCT<`PRODUCT_ID` STRING, `QUANTITY` INTEGER, `UNIT_PRICE` DOUBLE>>');

  it('writes structs in declared field order with Java doubles inside', () => {
    expect(encodeValue([{ UNIT_PRICE: 15, QUANTITY: 2, PRODUCT_ID: 'p-1' }], products))
      .toBe('[{"PRODUCT_ID":"p-1","QUANTITY":2,"UNIT_PRICE":15.0}]');
  });

  it('writes a row with BIGINT plain and DOUBLE with .0', () => {
    const types = ['BIGINT', 'STRING', 'DOUBLE', 'DOUBLE'].map(parseKsqlType);
    expect(encodeRow([1714557600000, 'tx "1"', 100, null], types)).toBe('[1714557600000,"tx \\"1\\"",100.0,null]');
  });

  it('lets a wrong-typed value through as plain JSON', () => {
    expect(encodeValue('abc', parseKsqlType('DOUBLE'))).toBe('"abc"');
  });
});
