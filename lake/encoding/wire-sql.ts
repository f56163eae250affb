import { quotedIdentifier, quotedString } from '@duckdb/node-api';
import type { KsqlType } from '../../ksqldb/ksql-type.js';
import { duckDbType } from './duckdb-types.js';
import { DATE_TEXT, TIME_TEXT, TIMESTAMP_TEXT, BASE64_TEXT, type LakeColumn } from './row-encoder.js';

/**
 * SQL that reads ksqlDB's wire rows (JSON arrays, as staged by stage-wire-lines.ts) with explicit
 * types and checks every value in bulk. Each column gets a check that is *sound*: when it passes,
 * the typed value is exactly what row-encoder.ts would have produced. When it fails the row is only
 * a suspect: the JavaScript encoder looks at it again and either quarantines it with its reason or
 * passes it on. So a check may be stricter than the encoder (that costs speed, never a value), and
 * a type the SQL cannot read exactly (DECIMAL, whose digits DuckDB's JSON parser turns into a
 * double; temporals and BYTES nested in containers) only passes when it is null.
 */

/**
 * Rows longer than this (in UTF-8 bytes) are checked in JavaScript: DuckDB's CSV reader must hold
 * the longest line in its buffer, and that buffer is a good part of a part's COPY memory. A
 * mebibyte is far beyond any row of the pipeline.
 */
export const MAX_STAGED_LINE_BYTES = 1_048_576;
const MAX_LINE_BYTES = MAX_STAGED_LINE_BYTES + 32; // plus the arrival number and its separator
/** The reader's buffer: two of the longest lines. DuckDB's default, sized for 4 MB lines, held ~50 MB more per COPY. */
const CSV_BUFFER_BYTES = 2 * MAX_LINE_BYTES;

/** A staged lines file: `<seq>\x01<wire row>` per line (the separator never occurs in JSON text). */
export function readStagedLines(file: string): string {
  return `read_csv(${quotedString(file)}, columns = {'seq': 'BIGINT', 'line': 'VARCHAR'}, delim = E'\\x01', quote = '', escape = '', header = false, auto_detect = false, max_line_size = ${MAX_LINE_BYTES}, buffer_size = ${CSV_BUFFER_BYTES})`;
}

/**
 * `SELECT seq, line, ok, <lake columns>` over a staged lines file: `ok` is true when the row has the
 * header's width, every value passed its column's check and ROWTIME lies in `[startMs, endMs)`.
 */
export function checkedWireSelect(columns: readonly LakeColumn[], file: string, rowtime: { startMs: number; endMs: number }): string {
  const n = columns.length;
  const paths = Array.from({ length: n + 1 }, (_, i) => quotedString(`$[${i}]`)).join(', ');
  const plans = columns.map((c, i) => planColumn(c.type, `s${i}`));
  const texts = columns.map((_, i) => `v[${i + 1}]::VARCHAR AS s${i}`).join(', ');
  const textNames = columns.map((_, i) => `s${i}`).join(', ');
  const typed = plans.map((p, i) => `${p.value} AS c${i}`).join(', ');
  const checks = plans.map((p, i) => `(s${i} = 'null' OR (${p.ok(`c${i}`)}))`);
  checks.push(`c0 >= ${rowtime.startMs} AND c0 < ${rowtime.endMs}`);
  // ROWTIME arrives as epoch millis; the lake keeps it as a real timestamp (UTC).
  const out = columns.map((c, i) => `${i === 0 ? 'make_timestamp(c0 * 1000)' : plans[i]!.out(`c${i}`)} AS ${quotedIdentifier(c.name)}`).join(', ');
  // One parse of the line (json_extract with every path at once); the layers only name things.
  const parsed = `SELECT seq, line, TRY(json_extract(line, [${paths}])) AS v FROM ${readStagedLines(file)}`;
  const texted = `SELECT seq, line, (v IS NOT NULL AND v[${n}] IS NOT NULL AND v[${n + 1}] IS NULL) AS shaped, ${texts} FROM (${parsed})`;
  const withTyped = `SELECT seq, line, shaped, ${textNames}, ${typed} FROM (${texted})`;
  return `SELECT seq, line, coalesce(shaped AND ${checks.join(' AND ')}, false) AS ok, ${out} FROM (${withTyped})`;
}

interface ColumnPlan {
  /** the typed value, from the value's JSON text `s` */
  value: string;
  /** given the typed value, whether it is exactly the source value (the text is not `null`) */
  ok: (c: string) => string;
  /** the lake column from the typed value */
  out: (c: string) => string;
}

const JSON_STRING = (s: string) => `starts_with(${s}, '"')`;
const matches = (text: string, pattern: RegExp) => `regexp_full_match(${text}, ${quotedString(pattern.source.replace(/^\^|\$$/g, ''))})`;

function planColumn(type: KsqlType, s: string): ColumnPlan {
  const same = (c: string) => c;
  const str = `json_extract_string(${s}, '$')`;
  if (type.kind === 'scalar') {
    switch (type.name) {
      case 'STRING':
        return { value: str, ok: () => JSON_STRING(s), out: same };
      case 'BOOLEAN':
        return { value: `CASE ${s} WHEN 'true' THEN true WHEN 'false' THEN false END`, ok: (c) => `${c} IS NOT NULL`, out: same };
      case 'INTEGER':
      case 'BIGINT':
        // A cast alone would take `2.5` or `1e3`; the encoder wants digits only.
        return { value: `TRY_CAST(${s} AS ${type.name})`, ok: (c) => `${c} IS NOT NULL AND ${matches(s, /^-?\d+$/)}`, out: same };
      case 'DOUBLE':
        // Jackson writes non-finite doubles as strings.
        return {
          value: `TRY_CAST(CASE WHEN ${s} IN ('"NaN"', '"Infinity"', '"-Infinity"') THEN ${str} WHEN ${JSON_STRING(s)} THEN NULL ELSE ${s} END AS DOUBLE)`,
          ok: (c) => `${c} IS NOT NULL`,
          out: same,
        };
      case 'BYTES':
        return { value: `TRY(from_base64(${str}))`, ok: (c) => `${c} IS NOT NULL AND ${JSON_STRING(s)} AND ${matches(str, BASE64_TEXT)}`, out: same };
      case 'TIMESTAMP':
      case 'DATE':
      case 'TIME': {
        const pattern = { TIMESTAMP: TIMESTAMP_TEXT, DATE: DATE_TEXT, TIME: TIME_TEXT }[type.name];
        return { value: `TRY_CAST(${str} AS ${type.name})`, ok: (c) => `${c} IS NOT NULL AND ${JSON_STRING(s)} AND ${matches(str, pattern)}`, out: same };
      }
    }
  }
  const spec = containerSpec(type);
  if (spec === null) return slowColumn(type);
  // json_transform is lenient (it drops undeclared fields, turns numbers into text, truncates
  // 2.5 to 2): the value is only taken when writing it back as JSON gives the source text again.
  return {
    value: `json_transform(${s}, ${quotedString(spec)})`,
    ok: (c) => `to_json(${c})::VARCHAR = ${s}`,
    out: (c) => `CAST(${c} AS ${duckDbType(type)})`,
  };
}

/** A column the SQL cannot read exactly: only null passes, any other value goes to the encoder. */
function slowColumn(type: KsqlType): ColumnPlan {
  return { value: 'NULL', ok: () => 'false', out: () => `NULL::${duckDbType(type)}` };
}

/** Leaves DuckDB's JSON reader keeps exact inside containers, by their json_transform type names. */
const EXACT_LEAVES: Readonly<Record<string, string>> = { STRING: 'VARCHAR', BOOLEAN: 'BOOLEAN', INTEGER: 'INTEGER', BIGINT: 'BIGINT', DOUBLE: 'DOUBLE' };

/**
 * The json_transform structure of a container with the source's own field names, or null when a
 * leaf cannot be read exactly (DECIMAL, temporals and BYTES, which nested values encode differently).
 */
export function containerSpec(type: KsqlType): string | null {
  const spec = specValue(type);
  return spec === null ? null : JSON.stringify(spec);
}

function specValue(type: KsqlType): unknown {
  switch (type.kind) {
    case 'scalar':
      return EXACT_LEAVES[type.name] ?? null;
    case 'decimal':
      return null;
    case 'array': {
      const element = specValue(type.element);
      return element === null ? null : [element];
    }
    case 'struct': {
      const fields: Record<string, unknown> = {};
      for (const field of type.fields) {
        const value = specValue(field.type);
        if (value === null) return null;
        fields[field.name] = value;
      }
      return fields;
    }
    case 'map': {
      // A map's values are named by type string, which cannot carry the source's struct field names.
      const value = specValue(type.value);
      return typeof value === 'string' ? `MAP(VARCHAR, ${value})` : null;
    }
  }
}
