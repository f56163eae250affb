import type { MysqlSettings } from '../config/env.js';
import { Warehouse } from '../warehouse/warehouse.js';

/** The warehouse pool of MYSQL_URL: one per process; the caller closes it. */
export function connectWarehouse(env: MysqlSettings, opts: { connectTimeoutMs?: number } = {}): Warehouse {
  return Warehouse.connect(env.MYSQL_URL, opts);
}
