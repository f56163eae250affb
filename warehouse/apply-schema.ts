import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { escapeId } from 'mysql2';
import { readSqlScript, type ScriptStatement } from './sql-script.js';
import { Warehouse } from './warehouse.js';

/** Files that define the schema; `04_sample_queries.sql` and the like are for people, not for init. */
export const SCHEMA_FILE = /^\d+_create_.*\.sql$/;

/**
 * Applies `sql/NN_create_*.sql` in name order to the database named in `url`, never rewriting the
 * files' text: `CREATE DATABASE` is re-issued for the URL's database (escaped by the driver) with the
 * file's own options, `USE` is skipped, and every other statement runs verbatim on a connection
 * whose default database is the URL's. Every statement is idempotent, so running it again changes nothing.
 */
export async function applyWarehouseSchema(url: string, sqlDir: string): Promise<string[]> {
  const files = (await readdir(sqlDir)).filter((f) => SCHEMA_FILE.test(f)).sort();
  if (files.length === 0) throw new Error(`no NN_create_*.sql files in ${sqlDir}`);
  const scripts = await Promise.all(files.map((f) => readSqlScript(join(sqlDir, f))));
  const all = scripts.flat();
  const admin = Warehouse.connect(url, { withoutDatabase: true });
  try {
    for (const s of all) {
      if (s.kind === 'create-database') await admin.query(`CREATE DATABASE IF NOT EXISTS ${escapeId(admin.database)} ${s.options}`);
    }
  } finally {
    await admin.close();
  }
  const warehouse = Warehouse.connect(url);
  try {
    for (const s of all.filter((s): s is Extract<ScriptStatement, { kind: 'statement' }> => s.kind === 'statement')) {
      await warehouse.query(s.sql);
    }
  } finally {
    await warehouse.close();
  }
  return files;
}
