import type { KsqlType } from '../../ksqldb/ksql-type.js';
import { quotedIdentifier } from '@duckdb/node-api';
import { lakeColumnName } from '../../config/names.js';

/**
 * ksqlDB types → DuckDB (and so Parquet) types. Struct fields take the lake's lower-case names,
 * like top-level columns. BYTES nested inside containers stay base64 text: only top-level BYTES
 * columns are decoded to BLOB (see row-encoder.ts for why).
 */
export function duckDbType(type: KsqlType): string {
  switch (type.kind) {
    case 'scalar':
      return SCALAR_TYPES[type.name];
    case 'decimal':
      return `DECIMAL(${type.precision}, ${type.scale})`;
    case 'array':
      return `${duckDbType(type.element)}[]`;
    case 'map':
      return `MAP(${duckDbType(type.key)}, ${duckDbType(type.value)})`;
    case 'struct':
      return `STRUCT(${type.fields.map((f) => `${quotedIdentifier(lakeColumnName(f.name))} ${duckDbType(f.type)}`).join(', ')})`;
  }
}

const SCALAR_TYPES = {
  STRING: 'VARCHAR',
  INTEGER: 'INTEGER',
  BIGINT: 'BIGINT',
  DOUBLE: 'DOUBLE',
  BOOLEAN: 'BOOLEAN',
  BYTES: 'VARCHAR', // base64 on the wire; decoded by the select list for top-level columns
  TIMESTAMP: 'TIMESTAMP',
  DATE: 'DATE',
  TIME: 'TIME',
} as const;
