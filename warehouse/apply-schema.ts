import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Warehouse } from './warehouse.js';

/** Files that define the schema; `04_sample_queries.sql` and the like are for people, not for init. */
export const SCHEMA_FILE = /^\d+_create_.*\.sql$/;
const DEFAULT_DATABASE = 'data_warehouse';

/**
 * Applies `sql/NN_create_*.sql` in name order. Every statement is `IF NOT EXISTS`, so running it
 * again changes nothing. The database named in the URL replaces `data_warehouse` in the files;
 * the first file creates it, the others run inside it.
 */
export async function applyWarehouseSchema(url: string, sqlDir: string): Promise<string[]> {
  const [first, ...rest] = (await readdir(sqlDir)).filter((f) => SCHEMA_FILE.test(f)).sort();
  if (!first) throw new Error(`no NN_create_*.sql files in ${sqlDir}`);
  const admin = Warehouse.connect(url, { withoutDatabase: true });
  try {
    await applyFile(admin, sqlDir, first);
  } finally {
    await admin.close();
  }
  const warehouse = Warehouse.connect(url);
  try {
    for (const file of rest) await applyFile(warehouse, sqlDir, file);
  } finally {
    await warehouse.close();
  }
  return [first, ...rest];
}

async function applyFile(warehouse: Warehouse, dir: string, file: string): Promise<void> {
  const text = (await readFile(join(dir, file), 'utf8')).replaceAll(DEFAULT_DATABASE, `\`${warehouse.database}\``);
  for (const statement of splitStatements(text)) await warehouse.query(statement);
}

/** Splits on `;` at a line end, dropping comments. Our schema files have no procedures. */
export function splitStatements(text: string): string[] {
  return text
    .split(/;\s*$/m)
    .map((chunk) => chunk.replace(/^\s*--.*$/gm, '').trim())
    .filter((chunk) => chunk.length > 0);
}
