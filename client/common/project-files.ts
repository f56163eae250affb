import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProjectRoot } from '../../dev/dev-state.js';

/** The repo's folders read at run time, found the same way from the sources and from dist/. */
const ROOT = findProjectRoot(import.meta.url);

/** the MySQL schema, `NN_create_*.sql` (`warehouse init`) */
export const SQL_DIR = join(ROOT, 'sql');
/** the ksqlDB DDL (`ksql apply`) */
export const KSQL_DIR = join(ROOT, 'ksql');
/** per-source defaults of `feeds sync`, beside the DDL that creates those sources */
export const SOURCE_DEFAULTS_FILE = join(KSQL_DIR, 'source-defaults.json');

/** `ksql-etl --version`: the package's own. */
export const PACKAGE_VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
