import { createConnection } from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import {
  classifyMysqlError,
  WarehouseAccessError,
  WarehouseDataError,
  WarehouseSchemaError,
  WarehouseUnavailableError,
} from '../../../warehouse/errors.js';

/** A server error as mysql2 builds it: the Error plus code, errno, sqlState, sqlMessage and the SQL sent. */
function serverError(code: string, errno: number, sqlState: string, message: string): Error {
  return Object.assign(new Error(message), {
    code,
    errno,
    sqlState,
    sqlMessage: message,
    sql: "INSERT INTO fact_user_summary VALUES ('user-1', 'secret row data', 42)",
  });
}

describe('classifyMysqlError', () => {
  it.each([
    ['ER_DUP_ENTRY', 1062, '23000', "Duplicate entry 'user-1' for key 'PRIMARY'", WarehouseDataError],
    ['ER_NO_REFERENCED_ROW_2', 1452, '23000', 'Cannot add or update a child row: a foreign key constraint fails', WarehouseDataError],
    ['ER_BAD_NULL_ERROR', 1048, '23000', "Column 'user_id' cannot be null", WarehouseDataError],
    ['ER_TRUNCATED_WRONG_VALUE', 1292, '22007', "Truncated incorrect DOUBLE value: 'abc'", WarehouseDataError],
    ['ER_DATA_TOO_LONG', 1406, '22001', "Data too long for column 'user_id' at row 1", WarehouseDataError],
    ['ER_ACCESS_DENIED_ERROR', 1045, '28000', "Access denied for user 'etl'@'localhost' (using password: YES)", WarehouseAccessError],
    ['ER_TABLEACCESS_DENIED_ERROR', 1142, '42000', "INSERT command denied to user 'etl'@'localhost' for table 'fact_user_summary'", WarehouseAccessError],
    ['ER_NO_SUCH_TABLE', 1146, '42S02', "Table 'data_warehouse.fact_user_summary' doesn't exist", WarehouseSchemaError],
    ['ER_BAD_FIELD_ERROR', 1054, '42S22', "Unknown column 'total' in 'field list'", WarehouseSchemaError],
    ['ER_LOCK_DEADLOCK', 1213, '40001', 'Deadlock found when trying to get lock; try restarting transaction', WarehouseUnavailableError],
    ['ER_LOCK_WAIT_TIMEOUT', 1205, 'HY000', 'Lock wait timeout exceeded; try restarting transaction', WarehouseUnavailableError],
    ['ER_CON_COUNT_ERROR', 1040, '08004', 'Too many connections', WarehouseUnavailableError],
  ] as const)('%s → %s', (code, errno, sqlState, message, Expected) => {
    const error = classifyMysqlError(serverError(code, errno, sqlState, message), 'feed user_summary, version 3');
    expect(error).toBeInstanceOf(Expected);
    expect(error.name).toBe(Expected.name);
    expect(error.message.startsWith(`feed user_summary, version 3: ${message}`)).toBe(true);
    // The SQL (rows included) must not ride along into workflow history.
    expect(error.cause).toBeUndefined();
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('secret row data');
  });

  it('a schema error says how to create the tables', () => {
    const error = classifyMysqlError(serverError('ER_BAD_DB_ERROR', 1049, '42000', "Unknown database 'dw'"), 'load');
    expect(error.message).toContain('ksql-etl warehouse init');
  });

  it('a refused connection (as mysql2 reports it) → retryable WarehouseUnavailableError', async () => {
    // Port 1 on loopback: nothing listens there, so the kernel refuses at once.
    const raw = await createConnection({ host: '127.0.0.1', port: 1, user: 'root' }).then(
      () => undefined,
      (err: unknown) => err as Error & { code?: string; errno?: number },
    );
    expect(raw).toMatchObject({ code: 'ECONNREFUSED' });
    const error = classifyMysqlError(raw, 'connect');
    expect(error).toBeInstanceOf(WarehouseUnavailableError);
    expect(error).toMatchObject({ retryable: true, message: `connect: ${raw!.message}` });
  });

  it.each(['PROTOCOL_CONNECTION_LOST', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'])('a dropped connection (%s) is retryable', (code) => {
    const raw = Object.assign(new Error('Connection lost: The server closed the connection.'), { code, fatal: true });
    expect(classifyMysqlError(raw, 'load')).toBeInstanceOf(WarehouseUnavailableError);
  });

  it('leaves an unknown error unchanged (so it is retried)', () => {
    const raw = serverError('ER_QUERY_INTERRUPTED', 1317, '70100', 'Query execution was interrupted');
    expect(classifyMysqlError(raw, 'load')).toBe(raw);
    const plain = new TypeError('cannot read properties of undefined');
    expect(classifyMysqlError(plain, 'load')).toBe(plain);
  });
});
