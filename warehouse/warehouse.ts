import mysql, { type Pool, type PoolConnection } from 'mysql2/promise';
import { classifyMysqlError } from './errors.js';
import { parseMysqlUrl, type MysqlTarget } from './mysql-url.js';

/** The warehouse connection: one mysql2 pool per process, transactions through `withTransaction`. */
export class Warehouse {
  private constructor(
    readonly target: MysqlTarget,
    private readonly pool: Pool,
  ) {}

  /**
   * Connects to the database of `url`; `withoutDatabase` is for creating it. `connectTimeoutMs`
   * bounds the wait for a server that accepts connections but never answers (mysql2's default: 10 s).
   */
  static connect(url: string, opts: { withoutDatabase?: boolean; connectTimeoutMs?: number } = {}): Warehouse {
    const target = parseMysqlUrl(url);
    const pool = mysql.createPool({
      ...target.options,
      database: opts.withoutDatabase ? undefined : target.database,
      connectionLimit: 4,
      ...(opts.connectTimeoutMs ? { connectTimeout: opts.connectTimeoutMs } : {}),
      // BIGINT and DECIMAL (COUNT(*) included) come back as strings: exact, like the lake.
      supportBigNumbers: true,
      bigNumberStrings: true,
      decimalNumbers: false,
      multipleStatements: false,
      timezone: 'Z',
    });
    return new Warehouse(target, pool);
  }

  get database(): string {
    return this.target.database;
  }

  async query<T = Record<string, unknown>>(sql: string, values: unknown[] = []): Promise<T[]> {
    try {
      const [rows] = await this.pool.query(sql, values);
      return rows as T[];
    } catch (err) {
      throw classifyMysqlError(err, `query on ${this.target.display}`);
    }
  }

  /** Runs `fn` in one transaction: everything it wrote lands, or nothing does. */
  async withTransaction<T>(fn: (tx: PoolConnection) => Promise<T>): Promise<T> {
    let connection: PoolConnection;
    try {
      connection = await this.pool.getConnection();
    } catch (err) {
      throw classifyMysqlError(err, `connecting to ${this.target.display}`);
    }
    try {
      await connection.beginTransaction();
      const result = await fn(connection);
      await connection.commit();
      return result;
    } catch (err) {
      await connection.rollback().catch(() => undefined);
      throw err;
    } finally {
      connection.release();
    }
  }

  /** `text` with this connection's password masked: for anything stored or shown. */
  redact(text: string): string {
    const password = String(this.target.options.password ?? '');
    return password ? text.split(password).join('***') : text;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
