import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { applyWarehouseSchema } from '../../warehouse/apply-schema.js';
import { Warehouse } from '../../warehouse/warehouse.js';
import { REPO_ROOT } from './services.js';
import { join } from 'node:path';

/** The URL of a database of its own for one suite, on the MariaDB the global setup checked. */
export function testDatabaseUrl(prefix: string): string {
  return `${inject('mysqlUrl')}/ksql_etl_${prefix}_${randomBytes(4).toString('hex')}`;
}

/** Creates the schema in a fresh database, hands a connected Warehouse to `fn`, then drops it. */
export async function withTestWarehouse<T>(prefix: string, fn: (warehouse: Warehouse, url: string) => Promise<T>): Promise<T> {
  const url = testDatabaseUrl(prefix);
  await applyWarehouseSchema(url, join(REPO_ROOT, 'sql'));
  const warehouse = Warehouse.connect(url);
  try {
    return await fn(warehouse, url);
  } finally {
    await warehouse.query(`DROP DATABASE \`${warehouse.database}\``);
    await warehouse.close();
  }
}
