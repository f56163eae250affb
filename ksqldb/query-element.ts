/**
 * Decides what one line (delimited) or element (JSON array) of a /query-stream body is, following
 * the robust reading of the wire format: an array is a row, an object with `columnNames` is the
 * header, an object with `error_code` is an error, any other object is a token to skip
 * (`continuationToken`, `consistencyToken`). Values are parsed with lossless-json so BIGINT past
 * 2^53 and DECIMAL keep their exact text (numbers come out as LosslessNumber).
 */
import { isLosslessNumber, parse } from 'lossless-json';
import type { RawPiece } from './body-splitter.js';
import { isErrorEnvelope } from './classify-ksql-error.js';

/** The first line of every /query-stream response. */
export interface QueryHeader {
  /** Needed for /close-query; null for table pull queries on ≤0.23. */
  queryId: string | null;
  columnNames: string[];
  /** SQL type strings as ksqlDB renders them, e.g. ``ARRAY<STRUCT<`F1` STRING>>``. */
  columnTypes: string[];
}

export type QueryElement =
  | { kind: 'header'; header: QueryHeader; raw: string }
  | { kind: 'row'; values: unknown[]; raw: string }
  | { kind: 'malformed'; raw: string; reason: string }
  | { kind: 'error'; envelope: Record<string, unknown>; raw: string }
  | { kind: 'token'; raw: string };

/** Classifies one piece; never throws. */
export function classifyQueryElement(piece: RawPiece): QueryElement {
  const raw = piece.text;
  if (piece.malformedReason !== undefined) return { kind: 'malformed', raw, reason: piece.malformedReason };
  let value: unknown;
  try {
    value = parse(raw);
  } catch (error) {
    return { kind: 'malformed', raw, reason: `not valid JSON: ${(error as Error).message}` };
  }
  if (Array.isArray(value)) return { kind: 'row', values: value, raw };
  if (typeof value !== 'object' || value === null || isLosslessNumber(value)) {
    return { kind: 'malformed', raw, reason: 'not a JSON array (nor a header, error or token object)' };
  }
  const record = value as Record<string, unknown>;
  if ('columnNames' in record) {
    const header = readHeader(record);
    return typeof header === 'string' ? { kind: 'malformed', raw, reason: header } : { kind: 'header', header, raw };
  }
  if (isErrorEnvelope(record)) return { kind: 'error', envelope: record, raw };
  return { kind: 'token', raw };
}

/** The header, or why it is not one. */
function readHeader(record: Record<string, unknown>): QueryHeader | string {
  const { queryId, columnNames, columnTypes } = record;
  if (!isStringArray(columnNames)) return 'header: columnNames is not an array of strings';
  if (!isStringArray(columnTypes)) return 'header: columnTypes is not an array of strings';
  if (columnNames.length !== columnTypes.length) {
    return `header: ${columnNames.length} columnNames but ${columnTypes.length} columnTypes`;
  }
  if (queryId !== undefined && queryId !== null && typeof queryId !== 'string') return 'header: queryId is not a string';
  return { queryId: queryId ?? null, columnNames, columnTypes };
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
