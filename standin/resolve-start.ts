import { DAY_MS } from '../generator/day-timeline.js';

const RELATIVE = /^today(?:([+-])(\d+)d)?$/;

/**
 * The dataset's first day as an ISO-8601 instant. `start` is either an instant
 * (`2026-11-24T00:00:00Z`) or a day relative to the UTC day of `now`: `today`, `today-1d`,
 * `today+2d` (midnight UTC), so a dev server can hold "yesterday and today" whenever it starts.
 */
export function resolveStart(start: string, now: number): string {
  const relative = RELATIVE.exec(start);
  if (relative) {
    const days = relative[1] === undefined ? 0 : Number(relative[2]) * (relative[1] === '-' ? -1 : 1);
    return new Date(Math.floor(now / DAY_MS) * DAY_MS + days * DAY_MS).toISOString();
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(start) && !Number.isNaN(Date.parse(start))) return new Date(Date.parse(start)).toISOString();
  throw new Error(`start must be an ISO-8601 instant such as 2026-11-24T00:00:00Z, or a day relative to today `
    + `such as today, today-1d or today+2d; got '${start}'`);
}
