import type { TestProject } from 'vitest/node';
import { ensureMariaDb } from '../../dev/ensure-mariadb.js';

/** The server only, no database: each suite creates the schema it needs. */
const DEFAULT_TEST_MYSQL_URL = 'mysql://root@127.0.0.1:3306';
const log = (line: string) => console.log(`[mariadb-setup] ${line}`);

/**
 * Global setup of the `integration` project: checks (and, locally, starts) the MariaDB the suites
 * use, `KSQL_ETL_TEST_MYSQL_URL` or the local default, and hands its URL to the tests.
 */
export default async function setup(project: TestProject): Promise<void> {
  // Global setup is a process edge: it may read process.env.
  const url = process.env.KSQL_ETL_TEST_MYSQL_URL || DEFAULT_TEST_MYSQL_URL;
  await ensureMariaDb({ url, log });
  project.provide('mysqlUrl', url);
}
