/** Renders rows as aligned text columns for the terminal. */
export function formatTable(rows: readonly Record<string, unknown>[], indent = '  '): string[] {
  if (rows.length === 0) return [`${indent}(no rows)`];
  const columns = Object.keys(rows[0]!);
  const cells = rows.map((row) => columns.map((c) => String(row[c] ?? 'NULL')));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) => indent + values.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
}
