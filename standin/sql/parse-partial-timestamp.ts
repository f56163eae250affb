import { KsqlStatementError } from './ksql-statement-error.js';

/**
 * ksqlDB's `PartialStringToTimestampParser`: the string forms allowed when comparing ROWTIME to
 * a literal. `yyyy[-MM[-dd[THH[:mm[:ss[.SSS]]]]]]` followed by an optional `Z` or `±HHMM`
 * zone; missing parts default to their minimum, and no zone means UTC.
 */
const PATTERN =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(?:(\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?)?)?)?)?(Z|[+-]\d{4})?$/;

export function parsePartialTimestamp(text: string): number {
  const match = PATTERN.exec(text);
  if (!match) throw failure(text);
  const [, year, month = '01', day = '01', hour = '00', minute = '00', second = '00', millis = '0', zone] = match;
  const ms = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second),
    Number(millis.padEnd(3, '0')));
  // Date.UTC silently rolls 2024-02-31 over to March; java.time refuses it.
  const check = new Date(ms);
  if (check.getUTCMonth() !== Number(month) - 1 || check.getUTCDate() !== Number(day)
    || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) throw failure(text);
  if (!zone || zone === 'Z') return ms;
  const sign = zone[0] === '-' ? -1 : 1;
  const offsetMinutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5));
  return ms - sign * offsetMinutes * 60_000;
}

function failure(text: string): KsqlStatementError {
  return new KsqlStatementError(
    `Failed to parse timestamp '${text}': Text '${text}' could not be parsed. `
    + 'Required format is: "yyyy-MM-dd\'T\'HH:mm:ss.SSS", with an optional numeric 4-digit timezone',
  );
}
