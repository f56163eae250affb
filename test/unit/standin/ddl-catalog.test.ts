import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SOURCES } from '../../../standin/data/source-catalog.js';

// The stand-in's metastore must say what ksql/*.sql says: same sources, same columns, same keys.
const ksqlDir = resolve(import.meta.dirname, '../../../ksql');
const files = readdirSync(ksqlDir).filter((f) => f.endsWith('.sql')).sort();
const ddl = files.map((f) => readFileSync(join(ksqlDir, f), 'utf8')).join('\n');
const statements = ddl.replace(/--[^\n]*/g, '').split(';').map((s) => s.trim()).filter(Boolean);

function statementFor(name: string): string {
  const found = statements.find((s) => new RegExp(`^CREATE\\s+(STREAM|TABLE)\\s+${name}\\b`, 'i').test(s));
  if (!found) throw new Error(`no CREATE for ${name} in ksql/`);
  return found;
}

describe('ksql/ DDL and the stand-in catalog', () => {
  it('applies in name order and creates exactly the 9 sources', () => {
    expect(files).toEqual(['01_transaction_stream.sql', '02_derived_streams.sql', '03_blacklist.sql', '04_tables.sql']);
    const created = statements.map((s) => /^CREATE\s+(STREAM|TABLE)\s+(\w+)/i.exec(s)?.[2]?.toUpperCase());
    expect(created).toEqual(SOURCES.map((s) => s.name));
  });

  it.each(SOURCES.map((s) => [s.name, s] as const))('%s: kind, topic and every column appear in its DDL', (name, source) => {
    const text = statementFor(name);
    expect(text.toUpperCase().startsWith(`CREATE ${source.kind}`)).toBe(true);
    expect(text).toMatch(new RegExp(`KAFKA_TOPIC\\s*=\\s*'${source.topic}'`));
    for (const column of source.columns) {
      // Derived sources name a column by alias (`AS x`) or by projecting it as is.
      const pattern = new RegExp(`(\\bAS\\s+${column.name}\\b|^\\s*(\\w+\\.)?${column.name}\\b)`, 'im');
      expect(pattern.test(text), `${name}.${column.name}`).toBe(true);
    }
    expect(/\bGROUP BY\b/i.test(text)).toBe(source.kind === 'TABLE' && source.writeQuery !== null);
  });
});
