import type { KsqlType } from '../../ksqldb/ksql-type.js';
import { javaDoubleToString } from './java-double-to-string.js';

/**
 * Serialises one column value as ksqlDB's Jackson mapper does: DOUBLE through
 * `Double.toString` (`100.0`, `1.0E7`), integers plain, STRUCT fields in declared order with
 * upper-case names. A value of the wrong JavaScript type (the `wrongTypes` fault) is written
 * as plain JSON, which is exactly the malformed row a client must cope with.
 */
export function encodeValue(value: unknown, type: KsqlType): string {
  if (value === null || value === undefined) return 'null';
  switch (type.kind) {
    case 'scalar':
      if (typeof value === 'number' && type.name === 'DOUBLE') return javaDoubleToString(value);
      if (typeof value === 'number' && (type.name === 'INTEGER' || type.name === 'BIGINT')) {
        return Number.isInteger(value) ? value.toFixed(0) : javaDoubleToString(value);
      }
      if (typeof value === 'bigint') return value.toString();
      return JSON.stringify(value);
    case 'decimal':
      return typeof value === 'number' ? value.toFixed(type.scale) : JSON.stringify(value);
    case 'array':
      if (!Array.isArray(value)) return JSON.stringify(value);
      return `[${value.map((item) => encodeValue(item, type.element)).join(',')}]`;
    case 'map':
      if (typeof value !== 'object') return JSON.stringify(value);
      return `{${Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${JSON.stringify(k)}:${encodeValue(v, type.value)}`).join(',')}}`;
    case 'struct': {
      if (typeof value !== 'object') return JSON.stringify(value);
      const record = value as Record<string, unknown>;
      return `{${type.fields.map((f) => `${JSON.stringify(f.name)}:${encodeValue(record[f.name], f.type)}`).join(',')}}`;
    }
  }
}

/** One row as the JSON array every output format carries. */
export function encodeRow(values: readonly unknown[], types: readonly KsqlType[]): string {
  return `[${values.map((v, i) => encodeValue(v, types[i]!)).join(',')}]`;
}
