import type { PoolOptions } from 'mysql2/promise';
import { maskCredentials } from '../config/mask-credentials.js';

export interface MysqlTarget {
  /** host, port, user and password; no database, so a caller can create it or only ping the server */
  options: PoolOptions;
  database: string;
  /** the URL with its password masked: the only form that may reach a log or an error */
  display: string;
}

/**
 * `mysql://user:password@host:port/database` → pool options: the one parser of MYSQL_URL. The
 * database defaults to data_warehouse.
 */
export function parseMysqlUrl(url: string): MysqlTarget {
  const parsed = new URL(url);
  if (parsed.protocol !== 'mysql:') throw new Error(`MYSQL_URL must start with mysql:// (got ${parsed.protocol}//…)`);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'data_warehouse';
  return {
    database,
    display: maskCredentials(url),
    options: {
      // An IPv6 host is bracketed in a URL and bare for the driver.
      host: parsed.hostname.replace(/^\[|\]$/g, ''),
      port: parsed.port ? Number(parsed.port) : 3306,
      user: decodeURIComponent(parsed.username) || 'root',
      password: decodeURIComponent(parsed.password),
    },
  };
}
