import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EARLIEST, isAlreadyExists, type KsqlExecutor } from './ksql-executor.js';
import { splitKsqlStatements } from './split-ksql-statements.js';

export class KsqlApplyError extends Error {
  override name = 'KsqlApplyError';
}

export interface KsqlScript {
  /** file name, e.g. `01_transaction_stream.sql` */
  file: string;
  statements: string[];
}

export interface ApplyOutcome {
  created: string[];
  /** statements ksqlDB refused because their source already exists: kept as they are */
  existing: string[];
}

/** Every `*.sql` of `dir`, in name order (the order ksql/ files must be applied in), split into statements. */
export async function readKsqlScripts(dir: string): Promise<KsqlScript[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  if (files.length === 0) throw new KsqlApplyError(`no .sql files in ${dir}`);
  return Promise.all(files.map(async (file) => {
    try {
      return { file, statements: splitKsqlStatements(await readFile(join(dir, file), 'utf8')) };
    } catch (err) {
      throw new KsqlApplyError(`${file}: ${(err as Error).message}`, { cause: err });
    }
  }));
}

/**
 * Sends the statements one request each, in order, with earliest offsets. A source that already
 * exists is kept, so the command can run again on a stack that is already set up; any other
 * refusal stops the run with the file and statement named (later statements depend on it).
 */
export async function applyKsqlDdl(ksql: KsqlExecutor, scripts: readonly KsqlScript[], out: (line: string) => void): Promise<ApplyOutcome> {
  const outcome: ApplyOutcome = { created: [], existing: [] };
  for (const { file, statements } of scripts) {
    for (const [index, statement] of statements.entries()) {
      const label = statementLabel(statement);
      try {
        await ksql.executeStatement(statement, EARLIEST);
        outcome.created.push(label);
        out(`${file}: ${label}: done`);
      } catch (err) {
        if (!isAlreadyExists(err)) {
          throw new KsqlApplyError(`${file}, statement ${index + 1} (${label}): ${(err as Error).message}`, { cause: err });
        }
        outcome.existing.push(label);
        out(`${file}: ${label}: already exists, kept`);
      }
    }
  }
  return outcome;
}

/** `CREATE STREAM transaction_flattened` rather than a whole CSAS in the output. */
export function statementLabel(statement: string): string {
  const words = statement.replace(/--[^\n]*/g, ' ').trim().split(/\s+/);
  const kind = words.findIndex((w) => /^(STREAM|TABLE|TYPE|CONNECTOR)$/i.test(w));
  if (kind >= 0 && kind <= 4) {
    const name = words.slice(kind + 1).find((w) => !/^(IF|NOT|EXISTS)$/i.test(w)) ?? '';
    return [...words.slice(0, kind + 1), name.replace(/[;(].*$/, '')].join(' ');
  }
  const flat = words.join(' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
