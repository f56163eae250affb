import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFeedSchema } from '../../config/feed-schema.js';
import { KsqlDbClient } from '../../ksqldb/ksqldb-client.js';
import { Lake, toLakeColumns } from '../../lake/index.js';

/**
 * Every ksqlDB type, from the exact bytes a server sends to the value DuckDB reads back from the
 * Parquet file. `wire` is the JSON text of the value in a row; `back` is `expr::VARCHAR` of the column.
 */
const CASES = [
  { column: 'S', type: 'STRING', wire: '"héllo \\"q\\""', back: 'héllo "q"', parquet: 'VARCHAR' },
  { column: 'I', type: 'INTEGER', wire: '2147483647', back: '2147483647', parquet: 'INTEGER' },
  { column: 'B', type: 'BIGINT', wire: '123456789123456789', back: '123456789123456789', parquet: 'BIGINT' },
  { column: 'D', type: 'DOUBLE', wire: '1.0E10', back: '10000000000.0', parquet: 'DOUBLE' },
  { column: 'DEC_SMALL', type: 'DECIMAL(4, 2)', wire: '12.30', back: '12.30', parquet: 'DECIMAL(4,2)' },
  { column: 'DEC_WIDE', type: 'DECIMAL(38, 10)', wire: '1234567890123456789012345678.0123456789', back: '1234567890123456789012345678.0123456789', parquet: 'DECIMAL(38,10)' },
  { column: 'BOOL', type: 'BOOLEAN', wire: 'true', back: 'true', parquet: 'BOOLEAN' },
  { column: 'TS', type: 'TIMESTAMP', wire: '"2024-05-01T10:00:00.123"', back: '2024-05-01 10:00:00.123', parquet: 'TIMESTAMP' },
  { column: 'DT', type: 'DATE', wire: '"2024-05-01"', back: '2024-05-01', parquet: 'DATE' },
  { column: 'TM', type: 'TIME', wire: '"10:00:05"', back: '10:00:05', parquet: 'TIME' },
  { column: 'BY', type: 'BYTES', wire: '"AAECAwQF"', back: '\\x00\\x01\\x02\\x03\\x04\\x05', parquet: 'BLOB' },
  { column: 'ARR', type: 'ARRAY<STRING>', wire: '["a",null,"c"]', back: '[a, NULL, c]', parquet: 'VARCHAR[]' },
  { column: 'M', type: 'MAP<STRING, INTEGER>', wire: '{"k1":1,"k2":2}', back: '{k1=1, k2=2}', parquet: 'MAP(VARCHAR, INTEGER)' },
  {
    column: 'ST',
    type: 'STRUCT<`F1` STRING, `F2` STRUCT<`G` DECIMAL(4, 2), `H` ARRAY<INTEGER>>, `AT` TIMESTAMP>',
    wire: '{"F1":"x","F2":{"G":12.30,"H":[1,2]},"AT":1714557600000}',
    back: "{'f1': x, 'f2': {'g': 12.30, 'h': [1, 2]}, 'at': '2024-05-01 10:00:00'}",
    parquet: 'STRUCT(f1 VARCHAR, f2 STRUCT(g DECIMAL(4,2), h INTEGER[]), "at" TIMESTAMP)',
  },
  {
    column: 'NEST',
    type: 'ARRAY<MAP<STRING, STRUCT<`A` BIGINT>>>',
    wire: '[{"k":{"A":9007199254740993}}]',
    back: '[{k={\'a\': 9007199254740993}}]',
    parquet: 'MAP(VARCHAR, STRUCT(a BIGINT))[]',
  },
] as const;

const header = JSON.stringify({ queryId: 'query_1', columnNames: CASES.map((c) => c.column), columnTypes: CASES.map((c) => c.type) });
const row = `[${CASES.map((c) => c.wire).join(',')}]`;
const nulls = `[${CASES.map(() => 'null').join(',')}]`;

let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/info') {
      res.setHeader('content-type', 'application/json');
      res.end('{"KsqlServerInfo":{"version":"7.5.0","kafkaClusterId":"c","ksqlServiceId":"default_","serverStatus":"RUNNING"}}');
      return;
    }
    req.resume();
    req.on('end', () => {
      const json = (req.headers.accept ?? '').startsWith('application/json');
      res.setHeader('content-type', json ? 'application/json' : 'application/vnd.ksqlapi.delimited.v1');
      res.end(json ? `[${header},${row},${nulls}]` : `${header}\n${row}\n${nulls}\n`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe.each(['delimited', 'json'] as const)('ksqlDB types, %s wire format → Parquet', (format) => {
  let values: Record<string, unknown>;
  let types: Record<string, unknown>;
  let nullRow: Record<string, unknown>;

  beforeAll(async () => {
    const root = await mkdtemp(join(tmpdir(), 'ksql-etl-types-'));
    const lake = await Lake.open(root);
    const client = new KsqlDbClient({ url, format });
    try {
      const result = await client.query('SELECT * FROM ALL_TYPES;');
      const feed = tableFeedSchema.parse({ id: 'all_types', kind: 'table', source: 'ALL_TYPES' });
      const snapshot = await lake.writeTableSnapshot({ feed, columns: toLakeColumns(result.columns), rows: result.rows, runId: 'r' });
      expect(snapshot).toMatchObject({ rows: 2, quarantined: 0 });
      const select = CASES.map((c) => `"${c.column.toLowerCase()}"::VARCHAR AS "${c.column}"`).join(', ');
      const read = async (where: string) =>
        (await lake.query(`SELECT ${select} FROM all_types WHERE ${where}`))[0]!;
      values = await read('s IS NOT NULL');
      nullRow = await read('s IS NULL');
      const described = await lake.query('DESCRIBE SELECT * FROM all_types');
      types = Object.fromEntries(described.map((d) => [String(d.column_name).toUpperCase(), d.column_type]));
    } finally {
      await client.close();
      lake.close();
      await rm(root, { recursive: true, force: true });
    }
  });

  it.each(CASES)('$type', ({ column, back, parquet }) => {
    expect(types[column]).toBe(parquet);
    expect(values[column]).toBe(back);
    expect(nullRow[column]).toBeNull();
  });
});
