import { describe, expect, it } from 'vitest';
import { parsePartialTimestamp } from '../../../standin/sql/parse-partial-timestamp.js';
import { parseStatements } from '../../../standin/sql/parse-statements.js';
import { KsqlStatementError } from '../../../standin/sql/ksql-statement-error.js';

function errorOf(fn: () => unknown): KsqlStatementError {
  try {
    fn();
  } catch (error) {
    if (error instanceof KsqlStatementError) return error;
    throw error;
  }
  throw new Error('expected a KsqlStatementError');
}

describe('parseStatements', () => {
  it('parses an exporter query, case-insensitively', () => {
    const [s] = parseStatements("select rowtime, * from Transaction_Stream where ROWTIME >= '2026-11-24T10' and rowtime < 1795518000000 limit 10;");
    expect(s!.kind).toBe('select');
    if (s!.kind !== 'select') return;
    expect(s.query.source.value).toBe('TRANSACTION_STREAM');
    expect(s.query.items).toHaveLength(2);
    expect(s.query.limit).toBe(10);
    expect(s.query.emitChanges).toBe(false);
    expect(s.query.where?.kind).toBe('logical');
  });

  it('keeps back-quoted identifiers as written', () => {
    const [s] = parseStatements('SELECT `amount` FROM `transaction_stream` EMIT CHANGES;');
    if (s!.kind !== 'select') throw new Error('not a select');
    expect(s.query.source.value).toBe('transaction_stream');
    expect(s.query.emitChanges).toBe(true);
  });

  it('splits several statements and keeps each text', () => {
    const statements = parseStatements("SHOW STREAMS; list tables;\nDESCRIBE x EXTENDED; INSERT INTO blacklist (user_id, reason) VALUES ('u;1', 'it''s');");
    expect(statements.map((s) => s.kind)).toEqual(['list', 'list', 'describe', 'insertValues']);
    expect(statements.map((s) => s.text)).toEqual([
      'SHOW STREAMS;', 'list tables;', 'DESCRIBE x EXTENDED;', "INSERT INTO blacklist (user_id, reason) VALUES ('u;1', 'it''s');",
    ]);
  });

  it('parses ARRAY and STRUCT constructors in INSERT VALUES', () => {
    const [s] = parseStatements("INSERT INTO t (p) VALUES (ARRAY[STRUCT(product_id := 'p-1', quantity := 2)]);");
    if (s!.kind !== 'insertValues') throw new Error('not an insert');
    expect(s.values[0]).toMatchObject({ kind: 'array', items: [{ kind: 'struct' }] });
  });

  it('requires the semicolon, ANTLR-style', () => {
    expect(errorOf(() => parseStatements('SELECT * FROM x')).message)
      .toBe("line 1:16: mismatched input '<EOF>' expecting ';'");
  });

  it('names an unknown statement and suggests the closest one', () => {
    expect(errorOf(() => parseStatements('SLECTT * FROM x;')).message)
      .toBe("line 1:1: Syntax Error\nUnknown statement 'SLECTT'\nDid you mean 'SELECT'?");
    expect(errorOf(() => parseStatements('FOO;')).message).toBe("line 1:1: Syntax Error\nUnknown statement 'FOO'");
  });

  it('refuses pull-query clauses with ksqlDB’s own sentence', () => {
    expect(errorOf(() => parseStatements('SELECT user_id FROM s GROUP BY user_id;')).message)
      .toBe("Pull queries don't support GROUP BY clauses. See https://cnfl.io/queries for more info.\nAdd EMIT CHANGES if you intended to issue a push query.");
  });
});

describe('parsePartialTimestamp (PartialStringToTimestampParser)', () => {
  const utc = (iso: string) => Date.parse(iso);
  it.each([
    ['2017', '2017-01-01T00:00:00.000Z'], ['2020-02', '2020-02-01T00:00:00.000Z'], ['2020-01-02', '2020-01-02T00:00:00.000Z'],
    ['2020-01-02T', '2020-01-02T00:00:00.000Z'], ['2020-01-02TZ', '2020-01-02T00:00:00.000Z'],
    ['2020-12-02T13', '2020-12-02T13:00:00.000Z'], ['2020-12-02T13:59', '2020-12-02T13:59:00.000Z'],
    ['2020-12-02T13:59:58', '2020-12-02T13:59:58.000Z'], ['2020-12-02T13:59:58.123Z', '2020-12-02T13:59:58.123Z'],
  ])('%s', (text, iso) => {
    expect(parsePartialTimestamp(text)).toBe(utc(iso));
  });

  it('applies numeric zones', () => {
    expect(parsePartialTimestamp('2017-11-13T23:59:58.999+0100')).toBe(1510613998999);
    expect(parsePartialTimestamp('2017-11-13T23:59:58.999-0100')).toBe(1510621198999);
  });

  it('rejects malformed text with the required format', () => {
    const e = errorOf(() => parsePartialTimestamp('2017-1-1'));
    expect(e.message).toContain("Failed to parse timestamp '2017-1-1'");
    expect(e.message).toContain('Required format is: "yyyy-MM-dd\'T\'HH:mm:ss.SSS", with an optional numeric 4-digit timezone');
    expect(() => parsePartialTimestamp('2017-01-01T00:00:00.000+foo')).toThrow(KsqlStatementError);
    expect(() => parsePartialTimestamp('2024-02-31')).toThrow(KsqlStatementError);
  });
});
