import { ALL_TIME, type RowtimeWindow } from '../data/source-store.js';
import type { CompareOp, Expr } from './parse-expression.js';
import { parsePartialTimestamp } from './parse-partial-timestamp.js';

/**
 * The ROWTIME range a WHERE clause cannot leave, read from its top-level AND-ed comparisons of
 * ROWTIME with a literal (`ROWTIME >= 1700000000000 AND ROWTIME < '2026-11-24T11:00'`,
 * `ROWTIME BETWEEN a AND b`). It is a superset of the rows the clause keeps, never a subset, so
 * the stand-in can skip to it and still apply the full predicate to every row it reads.
 * Anything it does not understand (OR, NOT, other columns) leaves the range open.
 */
export function rowtimeWindow(where: Expr | null): RowtimeWindow {
  if (!where) return ALL_TIME;
  switch (where.kind) {
    case 'logical': {
      if (where.op !== 'AND') return ALL_TIME;
      const [a, b] = [rowtimeWindow(where.left), rowtimeWindow(where.right)];
      return { from: Math.max(a.from, b.from), to: Math.min(a.to, b.to) };
    }
    case 'compare': {
      if (isRowtime(where.left)) return compared(where.op, millis(where.right));
      if (isRowtime(where.right)) return compared(FLIPPED[where.op], millis(where.left));
      return ALL_TIME;
    }
    case 'between': {
      const [low, high] = [millis(where.low), millis(where.high)];
      if (where.negated || !isRowtime(where.value) || low === null || high === null) return ALL_TIME;
      return { from: low, to: Math.floor(high) + 1 };
    }
    default:
      return ALL_TIME;
  }
}

const FLIPPED: Readonly<Record<CompareOp, CompareOp>> = {
  '=': '=', '<>': '<>', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=',
};

function isRowtime(expr: Expr): boolean {
  return expr.kind === 'column' && expr.name === 'ROWTIME';
}

/** A literal bound in epoch millis, as ksqlDB rewrites string literals compared with ROWTIME. */
function millis(expr: Expr): number | null {
  if (expr.kind !== 'literal') return null;
  if (typeof expr.value === 'number') return expr.value;
  return typeof expr.value === 'string' ? parsePartialTimestamp(expr.value) : null;
}

/** ROWTIME is whole milliseconds, so `<= x` keeps nothing at or after ⌊x⌋ + 1. */
function compared(op: CompareOp, value: number | null): RowtimeWindow {
  if (value === null) return ALL_TIME;
  switch (op) {
    case '>': case '>=': return { from: value, to: Infinity };
    case '<': return { from: -Infinity, to: value };
    case '<=': return { from: -Infinity, to: Math.floor(value) + 1 };
    case '=': return { from: value, to: Math.floor(value) + 1 };
    default: return ALL_TIME;
  }
}
