import { readFile } from 'node:fs/promises';
import { splitKsqlStatements } from '../ksqlsetup/split-ksql-statements.js';

/**
 * One statement of a `sql/NN_*.sql` file, classed so that a tool can run the file against any
 * database: `create-database` and `use` name the by-hand database (`data_warehouse`) and are the
 * only statements the tool replaces or skips; everything else runs verbatim.
 */
export type ScriptStatement =
  | { kind: 'create-database'; /** what follows the name (character set, collation), verbatim */ options: string }
  | { kind: 'use' }
  | { kind: 'statement'; sql: string };

const CREATE_DATABASE = /^CREATE\s+(?:DATABASE|SCHEMA)\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:`[^`]+`|[A-Za-z0-9_$]+)([\s\S]*)$/i;
const USE = /^USE\s/i;

/** Reads a script and classes its statements (MySQL quoting and comments respected; no procedures). */
export async function readSqlScript(path: string): Promise<ScriptStatement[]> {
  // ksqlDB's and MySQL's scripts share the lexical rules the splitter needs: quotes, `--` and `/* */`.
  return splitKsqlStatements(await readFile(path, 'utf8')).map((text) => classify(text.replace(/;$/, '').trim()));
}

function classify(sql: string): ScriptStatement {
  const database = CREATE_DATABASE.exec(sql);
  if (database) return { kind: 'create-database', options: database[1]!.trim() };
  if (USE.test(sql)) return { kind: 'use' };
  return { kind: 'statement', sql };
}
