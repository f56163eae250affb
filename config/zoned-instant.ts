/** An instant needs its zone written out: `2026-10-01T00:00` alone would be the reader's local time. */
const ZONED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/i;

/** Milliseconds of an ISO-8601 instant with an explicit zone (`Z` or `+02:00`), or null for anything else. */
export function zonedInstantMs(text: string): number | null {
  if (!ZONED_INSTANT.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}
