import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SCHEMA_FILE } from './apply-schema.js';
import { readSqlScript } from './sql-script.js';

/** A table as the schema files create it: what a database that ran `warehouse init` must hold. */
export interface SchemaTable {
  name: string;
  columns: string[];
  /** the sql/ file that creates it */
  file: string;
}

// Lines of a CREATE TABLE body that define keys and constraints, not columns.
const NOT_A_COLUMN = /^(PRIMARY|UNIQUE|KEY|INDEX|CONSTRAINT|FOREIGN|FULLTEXT|SPATIAL|CHECK|PERIOD)\b/i;
const CREATE_TABLE = /^CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?`?([A-Za-z0-9_$]+)`?\s*\(([\s\S]*)\)[^)]*$/i;

/**
 * The tables and columns `sql/NN_create_*.sql` create, read from the files at run time so a check
 * follows the schema as it is written today, whatever it is.
 */
export async function schemaTables(sqlDir: string): Promise<SchemaTable[]> {
  const tables: SchemaTable[] = [];
  for (const file of (await readdir(sqlDir)).filter((f) => SCHEMA_FILE.test(f)).sort()) {
    for (const statement of await readSqlScript(join(sqlDir, file))) {
      const table = statement.kind === 'statement' ? parseCreateTable(statement.sql) : null;
      if (table) tables.push({ ...table, file });
    }
  }
  return tables;
}

/** `CREATE TABLE [IF NOT EXISTS] name (…)` → its name and column names; null for any other statement. */
export function parseCreateTable(statement: string): Omit<SchemaTable, 'file'> | null {
  const match = CREATE_TABLE.exec(statement.trim());
  if (!match) return null;
  const columns = splitTopLevel(match[2]!)
    .map((item) => item.trim())
    .filter((item) => item.length > 0 && !NOT_A_COLUMN.test(item))
    .map((item) => /^`?([A-Za-z0-9_$]+)`?/.exec(item)?.[1])
    .filter((name): name is string => name !== undefined);
  return { name: match[1]!, columns };
}

/** Splits on commas outside parentheses and quotes (`DECIMAL(10,2)`, `COMMENT 'a, b'`). */
function splitTopLevel(body: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let current = '';
  for (const ch of body) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      items.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  items.push(current);
  return items;
}
