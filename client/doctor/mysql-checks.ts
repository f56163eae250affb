import type { Env } from '../../config/env.js';
import { maskCredentials } from '../../config/mask-credentials.js';
import { schemaTables } from '../../warehouse/schema-tables.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { connectWarehouse } from '../../wiring/connect-warehouse.js';
import { failed, messageOf, ok, warning, withinMs, type CheckResult } from './check-result.js';
import { NEEDED_PRIVILEGES, summarizeGrants } from './mysql-grants.js';

/** MySQL: reachable, the grants a load and `warehouse init` need, and the schema `sql/` creates. */
export async function checkMysql(env: Env, sqlDir: string, stepMs: number): Promise<CheckResult[]> {
  const display = maskCredentials(env.MYSQL_URL);
  let warehouse: Warehouse;
  try {
    warehouse = connectWarehouse(env, { connectTimeoutMs: stepMs });
  } catch (err) {
    return [failed('mysql: reachable', messageOf(err), 'MYSQL_URL must look like mysql://user:password@host:3306/database')];
  }
  try {
    let version: string;
    try {
      // The server only: a missing database is the schema check's finding, not "unreachable".
      const [row] = await withinMs(stepMs, `MySQL at ${display}`, warehouse.query<{ v: string }>('SELECT VERSION() AS v'));
      version = row?.v ?? '?';
    } catch (err) {
      const message = messageOf(err);
      if (/ER_BAD_DB_ERROR|Unknown database/i.test(message)) {
        return [failed('mysql: schema', `database ${warehouse.database} does not exist`, 'create it and the schema with `ksql-etl warehouse init`')];
      }
      return [failed('mysql: reachable', message, 'check MYSQL_URL (host, port, user, password) and that MySQL runs')];
    }
    const results = [ok('mysql: reachable', `${display}: ${version}`)];
    const [grants, schema] = await Promise.all([
      checkGrants(warehouse, stepMs).catch((err) => warning('mysql: privileges', messageOf(err), 'check the grants by hand: SHOW GRANTS')),
      checkSchema(warehouse, sqlDir, stepMs).catch((err) => failed('mysql: schema', messageOf(err), 'run `ksql-etl warehouse init`')),
    ]);
    return [...results, grants, schema];
  } finally {
    await warehouse.close().catch(() => undefined);
  }
}

async function checkGrants(warehouse: Warehouse, stepMs: number): Promise<CheckResult> {
  const rows = await withinMs(stepMs, 'SHOW GRANTS', warehouse.query<Record<string, string>>('SHOW GRANTS'));
  const { missing, viaRoles } = summarizeGrants(rows.map((row) => String(Object.values(row)[0])), warehouse.database);
  if (missing.length === 0) return ok('mysql: privileges', `${NEEDED_PRIVILEGES.join(', ')} on ${warehouse.database} (loads use INSERT, so FILE / LOCAL INFILE are not needed)`);
  const detail = `no ${missing.join(', ')} on ${warehouse.database}`;
  const hint = `GRANT ${missing.join(', ')} ON \`${warehouse.database}\`.* TO the user of MYSQL_URL`;
  return viaRoles ? warning('mysql: privileges', `${detail} granted directly (roles not followed)`, hint) : failed('mysql: privileges', detail, hint);
}

/** Every table and column the sql/ scripts create exists; extra columns are the DBA's business. */
async function checkSchema(warehouse: Warehouse, sqlDir: string, stepMs: number): Promise<CheckResult> {
  const expected = await schemaTables(sqlDir);
  const rows = await withinMs(stepMs, 'information_schema.COLUMNS', warehouse.query<{ t: string; c: string }>(
    'SELECT TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?', [warehouse.database]));
  const present = new Map<string, Set<string>>();
  for (const { t, c } of rows) present.set(t.toLowerCase(), (present.get(t.toLowerCase()) ?? new Set()).add(c.toLowerCase()));
  const problems = expected.flatMap((table) => {
    const columns = present.get(table.name.toLowerCase());
    if (!columns) return [`table ${table.name} missing`];
    const absent = table.columns.filter((c) => !columns.has(c.toLowerCase()));
    return absent.length ? [`${table.name} lacks ${absent.join(', ')}`] : [];
  });
  if (problems.length === 0) return ok('mysql: schema', `${expected.length} tables of sql/ present with their columns in ${warehouse.database}`);
  return failed('mysql: schema', problems.join('; '), 'run `ksql-etl warehouse init` for missing tables; a table that lacks columns predates sql/ and needs an ALTER TABLE');
}
