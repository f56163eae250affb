import { z } from 'zod';

/**
 * Names from feed files and from ksqlDB end up in SQL identifiers and file paths, so they are checked
 * against strict patterns before anything else sees them.
 */
export const IDENTIFIER_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;
export const KSQL_SOURCE_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,127}$/;

/** a lower-case SQL/file name: feed ids, warehouse tables and columns */
export const identifierSchema = z
  .string()
  .regex(IDENTIFIER_PATTERN, 'must be lower-case letters, digits and _, starting with a letter (at most 63)');

/** a ksqlDB stream or table name (unquoted identifier) */
export const ksqlSourceNameSchema = z
  .string()
  .regex(KSQL_SOURCE_PATTERN, 'must be a plain ksqlDB identifier: letters, digits and _');

/** ksqlDB upper-cases unquoted names; the lake and the warehouse use lower-case. */
export function lakeColumnName(ksqlName: string): string {
  const name = ksqlName.toLowerCase();
  if (!IDENTIFIER_PATTERN.test(name)) throw new Error(`column "${ksqlName}" cannot be a lake column name`);
  return name;
}
