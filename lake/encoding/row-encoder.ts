import { isLosslessNumber, type LosslessNumber } from 'lossless-json';
import type { KsqlType } from '../../ksqldb/ksql-type.js';
import { lakeColumnName } from '../../config/names.js';
import { LakeSchemaError } from '../common/errors.js';

/** One column of a source as the lake sees it: the lake name and the ksqlDB type. */
export interface LakeColumn {
  ksqlName: string;
  name: string;
  type: KsqlType;
}

export function toLakeColumns(columns: ReadonlyArray<{ name: string; type: KsqlType }>): LakeColumn[] {
  return columns.map((c) => ({ ksqlName: c.name, name: lakeColumnName(c.name), type: c.type }));
}

/** ksqlDB's ROWTIME (epoch millis) as a lake column: it decides a stream row's slot and date partition. */
export type RowtimeColumn = LakeColumn & { name: 'rowtime' };

/** A stream's columns as the lake writes them: ROWTIME first (`SELECT ROWTIME, * FROM …`), then the source's. */
export type StreamColumns = readonly [RowtimeColumn, ...LakeColumn[]];

/** The source's columns for a stream write; refuses a header that does not start with ROWTIME. */
export function toStreamColumns(columns: ReadonlyArray<{ name: string; type: KsqlType }>): StreamColumns {
  const [first, ...rest] = toLakeColumns(columns);
  if (first?.name !== 'rowtime') {
    throw new LakeSchemaError(`a stream export needs ROWTIME as its first column; the source sent ${first ? first.ksqlName : 'no columns'}`);
  }
  return [{ ...first, name: 'rowtime' }, ...rest];
}

export type EncodedRow = { ok: true; json: string; values: Record<string, unknown> } | { ok: false; reason: string };

/**
 * Checks one row against the source's columns and turns it into a JSON line DuckDB reads with
 * explicit types. BIGINT and DECIMAL travel as strings so that DuckDB parses their exact text (no
 * float detour); values nested in STRUCT/ARRAY/MAP use Kafka Connect's numeric temporal encodings
 * (see docs/ksqldb-wire.md, Types) and are rewritten as ISO text here.
 */
export function encodeRow(columns: readonly LakeColumn[], values: readonly unknown[]): EncodedRow {
  if (values.length !== columns.length) {
    return { ok: false, reason: `row has ${values.length} values, the header has ${columns.length} columns` };
  }
  const out: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i]!;
    const result = encodeValue(column.type, values[i], true);
    if (typeof result === 'object' && result !== null && INVALID in result) {
      return { ok: false, reason: `column ${column.ksqlName}: ${result[INVALID]}` };
    }
    out[column.name] = result;
  }
  return { ok: true, json: JSON.stringify(out), values: out };
}

const INVALID = Symbol('invalid');
type Invalid = { [INVALID]: string };
const invalid = (reason: string): Invalid => ({ [INVALID]: reason });
const isInvalid = (v: unknown): v is Invalid => typeof v === 'object' && v !== null && INVALID in v;

const INT32 = { min: -(2n ** 31n), max: 2n ** 31n - 1n };
const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };
// Shared with wire-sql.ts, so the bulk checks in DuckDB accept exactly what this encoder accepts.
export const TIMESTAMP_TEXT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;
export const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;
export const TIME_TEXT = /^\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;
export const BASE64_TEXT = /^[A-Za-z0-9+/]*={0,2}$/;
const NON_FINITE = new Set(['NaN', 'Infinity', '-Infinity']);

function describe(value: unknown): string {
  const text = isLosslessNumber(value) ? value.value : JSON.stringify(value);
  const shown = text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 40)}…` : text;
  const kind = isLosslessNumber(value) ? 'number' : Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  return `${kind} ${shown}`;
}

function encodeValue(type: KsqlType, value: unknown, topLevel: boolean): unknown {
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case 'scalar':
      return encodeScalar(type.name, value, topLevel);
    case 'decimal':
      return encodeDecimal(type.precision, type.scale, value);
    case 'array': {
      if (!Array.isArray(value)) return invalid(`expected an ARRAY, got ${describe(value)}`);
      const items: unknown[] = [];
      for (const [i, item] of value.entries()) {
        const encoded = encodeValue(type.element, item, false);
        if (isInvalid(encoded)) return invalid(`[${i}]: ${encoded[INVALID]}`);
        items.push(encoded);
      }
      return items;
    }
    case 'map': {
      if (!isPlainObject(value)) return invalid(`expected a MAP object, got ${describe(value)}`);
      const entries: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const encoded = encodeValue(type.value, item, false);
        if (isInvalid(encoded)) return invalid(`[${JSON.stringify(key)}]: ${encoded[INVALID]}`);
        entries[key] = encoded;
      }
      return entries;
    }
    case 'struct': {
      if (!isPlainObject(value)) return invalid(`expected a STRUCT object, got ${describe(value)}`);
      const declared = new Set(type.fields.map((f) => f.name));
      const unknown = Object.keys(value).filter((k) => !declared.has(k));
      if (unknown.length > 0) return invalid(`STRUCT has undeclared field(s) ${unknown.join(', ')}`);
      const fields: Record<string, unknown> = {};
      for (const field of type.fields) {
        const encoded = encodeValue(field.type, value[field.name], false);
        if (isInvalid(encoded)) return invalid(`.${field.name}: ${encoded[INVALID]}`);
        fields[lakeColumnName(field.name)] = encoded;
      }
      return fields;
    }
  }
}

function encodeScalar(name: string, value: unknown, topLevel: boolean): unknown {
  switch (name) {
    case 'STRING':
      return typeof value === 'string' ? value : invalid(`expected STRING, got ${describe(value)}`);
    case 'BOOLEAN':
      return typeof value === 'boolean' ? value : invalid(`expected BOOLEAN, got ${describe(value)}`);
    case 'INTEGER':
      return integerIn(value, INT32, 'INTEGER', (text) => Number(text));
    case 'BIGINT':
      return integerIn(value, INT64, 'BIGINT', (text) => text);
    case 'DOUBLE':
      if (isLosslessNumber(value)) return Number(value.value);
      // Jackson writes non-finite doubles as strings by default.
      if (typeof value === 'string' && NON_FINITE.has(value)) return value;
      return invalid(`expected DOUBLE, got ${describe(value)}`);
    case 'BYTES':
      return typeof value === 'string' && BASE64_TEXT.test(value) ? value : invalid(`expected base64 BYTES, got ${describe(value)}`);
    case 'TIMESTAMP':
      return temporal(value, topLevel, TIMESTAMP_TEXT, 'TIMESTAMP', (n) => new Date(n).toISOString().slice(0, 23));
    case 'DATE':
      return temporal(value, topLevel, DATE_TEXT, 'DATE', (n) => new Date(n * 86_400_000).toISOString().slice(0, 10));
    case 'TIME':
      return temporal(value, topLevel, TIME_TEXT, 'TIME', (n) => new Date(n).toISOString().slice(11, 23));
    default:
      return invalid(`unsupported type ${name}`);
  }
}

function integerIn(value: unknown, range: { min: bigint; max: bigint }, name: string, out: (text: string) => unknown): unknown {
  if (!isLosslessNumber(value) || !/^-?\d+$/.test(value.value)) return invalid(`expected ${name}, got ${describe(value)}`);
  const n = BigInt(value.value);
  if (n < range.min || n > range.max) return invalid(`${value.value} is out of ${name} range`);
  return out(value.value);
}

function encodeDecimal(precision: number, scale: number, value: unknown): unknown {
  if (!isLosslessNumber(value)) return invalid(`expected DECIMAL(${precision}, ${scale}), got ${describe(value)}`);
  const match = /^-?(\d+)(?:\.(\d+))?$/.exec((value as LosslessNumber).value);
  if (!match) return invalid(`DECIMAL value ${value.value} is not in plain notation`);
  const integerDigits = match[1]!.replace(/^0+(?=\d)/, '').replace(/^0$/, '').length;
  const fractionDigits = (match[2] ?? '').length;
  if (fractionDigits > scale || integerDigits > precision - scale) {
    return invalid(`${value.value} does not fit DECIMAL(${precision}, ${scale})`);
  }
  return value.value;
}

function temporal(value: unknown, topLevel: boolean, pattern: RegExp, name: string, fromNumber: (n: number) => string): unknown {
  if (typeof value === 'string' && pattern.test(value)) return value;
  // Inside containers ksqlDB renders temporals through Connect's JsonConverter: plain numbers.
  if (!topLevel && isLosslessNumber(value) && /^-?\d+$/.test(value.value)) return fromNumber(Number(value.value));
  return invalid(`expected ${name}, got ${describe(value)}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isLosslessNumber(value);
}
