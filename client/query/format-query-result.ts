import { z } from 'zod';
import type { LakeQueryResult } from '../../lake/index.js';
import { formatTable } from '../common/format-table.js';
import { cellText } from './cell-text.js';
import { formatCsv } from './format-csv.js';
import { formatJson } from './format-json.js';

export const queryFormatSchema = z.enum(['table', 'csv', 'json']);
export type QueryFormat = z.infer<typeof queryFormatSchema>;

/** The result as output lines in the chosen format. */
export function formatQueryResult(result: LakeQueryResult, format: QueryFormat): string[] {
  if (format === 'csv') return formatCsv(result);
  if (format === 'json') return formatJson(result);
  const rows = result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c, cellText(row[i])])));
  return formatTable(rows, '');
}
