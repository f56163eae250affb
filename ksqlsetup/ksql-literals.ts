/**
 * ksqlDB SQL literals for INSERT INTO … VALUES statements, rendered as text (ksqlDB's REST API
 * has no bind parameters). Pure functions: each returns a fragment that parses as exactly one
 * value of the named type, or throws for a value that has no faithful literal.
 */

export class KsqlLiteralError extends Error {
  override name = 'KsqlLiteralError';
}

/**
 * `'it''s'`. Doubling the quote is the only escape ksqlDB knows: a backslash is an ordinary
 * character, so it is left alone.
 */
export function stringLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * A DOUBLE literal, always with an exponent (`12.5E0`). ksqlDB reads `12.5` as DECIMAL(3, 1) and
 * `12` as INTEGER; the exponent keeps every element of an ARRAY[STRUCT(…)] the same type, so the
 * array constructor never has to reconcile DECIMAL(3, 1) with DECIMAL(4, 2).
 */
export function doubleLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new KsqlLiteralError(`${value} has no ksqlDB DOUBLE literal`);
  // String() gives the shortest text that reads back as the same double; its exponent is 'e+21'.
  const text = String(Object.is(value, -0) ? 0 : value).toUpperCase().replace('E+', 'E');
  return text.includes('E') ? text : `${text}E0`;
}

/** An INTEGER or BIGINT literal; only whole numbers a double holds exactly. */
export function integerLiteral(value: number): string {
  if (!Number.isSafeInteger(value)) throw new KsqlLiteralError(`${value} is not a safe integer`);
  return String(value);
}

export function booleanLiteral(value: boolean): string {
  return value ? 'TRUE' : 'FALSE';
}

export const NULL_LITERAL = 'NULL';

/** `ARRAY[a, b]` from already rendered items. */
export function arrayLiteral(items: readonly string[]): string {
  return `ARRAY[${items.join(', ')}]`;
}

/** `STRUCT(F1 := a, F2 := b)` from field names and already rendered values. */
export function structLiteral(fields: ReadonlyArray<readonly [name: string, value: string]>): string {
  return `STRUCT(${fields.map(([name, value]) => `${identifier(name)} := ${value}`).join(', ')})`;
}

// Names here come from our own code, never from data; unquoted identifiers are upper-cased by
// ksqlDB, so anything else would silently name another column.
const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** An unquoted identifier; refuses anything that would need back-quotes. */
export function identifier(name: string): string {
  if (!PLAIN_IDENTIFIER.test(name)) throw new KsqlLiteralError(`'${name}' is not a plain ksqlDB identifier`);
  return name;
}

/** `INSERT INTO target (c1, c2) VALUES (v1, v2);` from column names and rendered values. */
export function insertValuesStatement(
  target: string,
  columns: ReadonlyArray<readonly [column: string, value: string]>,
): string {
  if (columns.length === 0) throw new KsqlLiteralError(`INSERT INTO ${target} needs at least one column`);
  const names = columns.map(([column]) => identifier(column)).join(', ');
  const values = columns.map(([, value]) => value).join(', ');
  return `INSERT INTO ${identifier(target)} (${names}) VALUES (${values});`;
}
