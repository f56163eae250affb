/** One value of a query result as text: nested values (lists, structs, maps) as JSON; null stays null. */
export function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
