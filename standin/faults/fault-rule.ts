import { z } from 'zod';

/**
 * One injected failure. Rules are switched on per request, in-process (`standin.faults.add`)
 * or over HTTP (`POST /_standin/faults`), so a test in another process can use them too.
 */
export const FAULT_KINDS = [
  'http500', 'http503', 'http429', 'stall', 'cut', 'malformedRow', 'midStreamError', 'wrongTypes',
  'schemaAdded', 'schemaRemoved', 'schemaRetyped', 'reset',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/** Faults that replace the whole response; any route but /_standin/* can take them. */
export const REQUEST_FAULTS: ReadonlySet<FaultKind> = new Set(['http500', 'http503', 'http429', 'reset']);
/** Faults that act on a query's rows; only /query-stream and /query take them. */
export const STREAM_FAULTS: ReadonlySet<FaultKind> = new Set([
  'stall', 'cut', 'malformedRow', 'midStreamError', 'wrongTypes', 'schemaAdded', 'schemaRemoved', 'schemaRetyped',
]);
/** Stream faults that reshape the header and every row rather than fire at one row. */
export const SCHEMA_FAULTS: ReadonlySet<FaultKind> = new Set(['schemaAdded', 'schemaRemoved', 'schemaRetyped']);

export const faultRuleSchema = z.object({
  fault: z.enum(FAULT_KINDS),
  /** which requests the rule applies to; omitted fields match everything */
  match: z.object({
    /** exact request path, e.g. `/query-stream` */
    path: z.string().optional(),
    /** case-insensitive substring of the request's SQL (`sql` or `ksql` field) */
    sqlContains: z.string().optional(),
  }).strict().optional(),
  /** how many matching requests get the fault; 0 = every one until cleared */
  times: z.number().int().min(0).default(1),
  /** rows written before a mid-stream fault fires (default 1; 0 for stall, i.e. right after the header) */
  afterRows: z.number().int().min(0).optional(),
  /** how long `stall` stops writing (default 60 s) */
  stallMs: z.number().int().min(0).optional(),
}).strict();

/** A rule as callers write it (`times` may be omitted). */
export type FaultRule = z.input<typeof faultRuleSchema>;
/** A rule after defaults are applied. */
export type ParsedFaultRule = z.output<typeof faultRuleSchema>;

export const DEFAULT_STALL_MS = 60_000;

/** Rows to write before the fault fires. */
export function rowsBeforeFault(rule: ParsedFaultRule): number {
  return rule.afterRows ?? (rule.fault === 'stall' ? 0 : 1);
}
