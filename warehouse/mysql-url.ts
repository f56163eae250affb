import type { PoolOptions } from 'mysql2/promise';

export interface MysqlTarget {
  options: PoolOptions;
  database: string;
  /** the URL with its password masked: the only form that may reach a log or an error */
  display: string;
}

/** `mysql://user:password@host:port/database` → pool options. The database defaults to data_warehouse. */
export function parseMysqlUrl(url: string): MysqlTarget {
  const parsed = new URL(url);
  if (parsed.protocol !== 'mysql:') throw new Error(`MYSQL_URL must start with mysql:// (got ${parsed.protocol}//…)`);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'data_warehouse';
  const display = new URL(url);
  if (display.password) display.password = '***';
  return {
    database,
    display: display.toString(),
    options: {
      host: parsed.hostname,
      port: parsed.port ? Number(parsed.port) : 3306,
      user: decodeURIComponent(parsed.username) || 'root',
      password: decodeURIComponent(parsed.password),
    },
  };
}
