import type { LakeQueryResult } from '../../lake/index.js';
import { cellText } from './cell-text.js';

/**
 * RFC 4180 CSV, a header line first: a field holding a comma, a quote or a line break is quoted,
 * quotes doubled. NULL is an empty field and the empty string `""`, so the two stay apart.
 */
export function formatCsv(result: LakeQueryResult): string[] {
  return [result.columns.map(csvField).join(','), ...result.rows.map((row) => row.map((v) => csvField(cellText(v))).join(','))];
}

function csvField(text: string | null): string {
  if (text === null) return '';
  return text === '' || /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
