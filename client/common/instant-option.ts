import { zonedInstantMs } from '../../config/zoned-instant.js';
import { UsageError } from './usage-error.js';

/** The one parser of instants typed on the command line; a UsageError names the option and the form. */
export function instantOption(option: string, value: string): number {
  const ms = zonedInstantMs(value);
  if (ms === null) throw new UsageError(`${option} ${value}: expected an ISO-8601 instant with a zone, like 2026-11-24T10:00:00Z or 2026-11-24T11:00:00+01:00`);
  return ms;
}
