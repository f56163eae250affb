/**
 * Why `[start, end)` is not a whole number of a feed's slots, or null when it is. The one check
 * behind the command line (bad input, exit 2) and the activity (a non-retryable failure).
 */
export function slotRangeProblem(start: string, end: string, slotMs: number): string | null {
  const startMs = Date.parse(start);
  const endMs = Date.parse(end);
  if (Number.isNaN(startMs)) return `start "${start}" is not an ISO instant like 2026-11-24T10:00:00Z`;
  if (Number.isNaN(endMs)) return `end "${end}" is not an ISO instant like 2026-11-24T11:00:00Z`;
  if (startMs % slotMs !== 0 || endMs % slotMs !== 0) return `start ${start} and end ${end} must lie on ${slotMs / 60_000}-minute slot boundaries`;
  if (endMs <= startMs) return `end ${end} must come after start ${start}`;
  return null;
}
