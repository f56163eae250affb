import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readKsqlScripts, statementLabel } from '../../../ksqlsetup/apply-ksql-ddl.js';
import { KsqlScriptError, splitKsqlStatements } from '../../../ksqlsetup/split-ksql-statements.js';

const KSQL_DIR = fileURLToPath(new URL('../../../ksql/', import.meta.url));

describe('the project ksql/*.sql', () => {
  it('split into complete CREATE statements, one per source, in dependency order', async () => {
    const scripts = await readKsqlScripts(KSQL_DIR);
    expect(scripts.map((s) => s.file)).toEqual([
      '01_transaction_stream.sql', '02_derived_streams.sql', '03_blacklist.sql', '04_tables.sql',
    ]);
    const statements = scripts.flatMap((s) => s.statements);
    for (const statement of statements) {
      expect(statement).toMatch(/^CREATE (STREAM|TABLE) /);
      expect(statement.endsWith(';')).toBe(true);
      // exactly one ';' outside literals: the one that ends it
      expect(splitKsqlStatements(statement)).toEqual([statement]);
    }
    expect(statements.map(statementLabel)).toEqual([
      'CREATE STREAM transaction_stream',
      'CREATE STREAM transaction_flattened',
      'CREATE STREAM transaction_stream_anonymized',
      'CREATE TABLE blacklist',
      'CREATE STREAM transaction_stream_blacklisted',
      'CREATE TABLE user_transaction_summary',
      'CREATE TABLE user_transaction_summary_eur',
      'CREATE TABLE payment_method_totals',
      'CREATE TABLE product_purchase_counts',
    ]);
  });

  it('keep the literals the pipeline depends on intact', async () => {
    const text = (await readKsqlScripts(KSQL_DIR)).flatMap((s) => s.statements).join('\n');
    expect(text).toContain("MASK_KEEP_RIGHT(card_number, 4, 'X', 'x', '*', '-')");
    expect(text).toContain("REGEXP_REPLACE(ip_address, '[0-9]+$', '0')");
    expect(text).toContain("WHERE currency IN ('EUR', 'USD', 'GBP', 'CHF')");
  });
});

describe('splitKsqlStatements', () => {
  it('ignores ; and quotes inside literals, quoted identifiers and comments', () => {
    const script = [
      "-- a comment with an apostrophe: don't split; here",
      "CREATE STREAM a (x VARCHAR) WITH (KAFKA_TOPIC='a;b', VALUE_FORMAT='JSON');",
      '/* block; comment */ INSERT INTO a (x) VALUES (\'it\'\'s; fine\');',
      'SELECT `we;ird` FROM "Q;uoted" -- trailing; comment',
      '  EMIT CHANGES;',
    ].join('\n');
    expect(splitKsqlStatements(script)).toEqual([
      "CREATE STREAM a (x VARCHAR) WITH (KAFKA_TOPIC='a;b', VALUE_FORMAT='JSON');",
      "INSERT INTO a (x) VALUES ('it''s; fine');",
      'SELECT `we;ird` FROM "Q;uoted" -- trailing; comment\n  EMIT CHANGES;',
    ]);
  });

  it('returns nothing for comments only, and names the line of an unfinished statement', () => {
    expect(splitKsqlStatements('-- nothing\n/* at all */\n')).toEqual([]);
    expect(() => splitKsqlStatements('SHOW STREAMS;\n\nSHOW TABLES')).toThrow(/line 3:1 does not end with ';'/);
    expect(() => splitKsqlStatements("SELECT 'open;")).toThrow(KsqlScriptError);
    expect(() => splitKsqlStatements('/* open')).toThrow(/unterminated/);
  });
});

describe('statementLabel', () => {
  it('names the source a CREATE makes, and shortens anything else', () => {
    expect(statementLabel('CREATE OR REPLACE STREAM IF NOT EXISTS s1 (x INT) WITH (...);')).toBe('CREATE OR REPLACE STREAM s1');
    expect(statementLabel('CREATE TABLE t(x INT PRIMARY KEY);')).toBe('CREATE TABLE t');
    expect(statementLabel(`INSERT INTO s VALUES (${'1, '.repeat(40)}1);`)).toMatch(/^INSERT INTO s VALUES .{30,}\.\.\.$/);
  });
});
