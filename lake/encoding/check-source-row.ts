import { stringify } from 'lossless-json';
import { encodeRow, type LakeColumn } from './row-encoder.js';
import type { SourceRow } from './source-row.js';

export type CheckedRow = { ok: true; json: string; values: Record<string, unknown> } | { ok: false; reason: string; raw: string };

/**
 * One source row through the exact checks of row-encoder.ts, and an optional further check on the
 * encoded values (a reason rejects the row): the lake's JSON line for DuckDB, or the reason and
 * the raw text for the quarantine.
 */
export function checkSourceRow(columns: readonly LakeColumn[], row: SourceRow, check?: (values: Record<string, unknown>) => string | null): CheckedRow {
  if (row.kind === 'malformed') return { ok: false, reason: row.reason, raw: row.raw };
  const encoded = encodeRow(columns, row.values);
  const reason = encoded.ok ? (check?.(encoded.values) ?? null) : encoded.reason;
  if (encoded.ok && reason === null) return encoded;
  return { ok: false, reason: reason!, raw: stringify(row.values) ?? '' };
}
