import { formatKsqlType, type KsqlType } from '../../ksqldb/ksql-type.js';
import type { CompareOp, Expr } from './parse-expression.js';
import { parsePartialTimestamp } from './parse-partial-timestamp.js';
import { KsqlStatementError } from './ksql-statement-error.js';

/** Where a column's value comes from, given a row and its offset. */
export interface ResolvedColumn {
  name: string;
  type: KsqlType;
  read: (values: readonly unknown[], rowtime: number, offset: number) => unknown;
}

export type RowPredicate = (values: readonly unknown[], rowtime: number, offset: number) => boolean;

type Value = (values: readonly unknown[], rowtime: number, offset: number) => unknown;

const OP_NAMES: Readonly<Record<CompareOp, string>> = {
  '=': 'EQUAL', '<>': 'NOT_EQUAL', '!=': 'NOT_EQUAL', '<': 'LESS_THAN', '<=': 'LESS_THAN_OR_EQUAL',
  '>': 'GREATER_THAN', '>=': 'GREATER_THAN_OR_EQUAL',
};
// ksqlDB rewrites string literals compared to these into epoch millis (StatementRewriteForMagicPseudoTimestamp).
const TIME_PSEUDO_COLUMNS = new Set(['ROWTIME', 'WINDOWSTART', 'WINDOWEND']);

/**
 * Compiles a WHERE expression into a row predicate with SQL's three-valued logic (a comparison
 * with NULL is unknown, and unknown rows are dropped).
 */
export function compileWhere(expr: Expr, resolve: (column: Extract<Expr, { kind: 'column' }>) => ResolvedColumn): RowPredicate {
  const test = compile(expr, resolve);
  return (values, rowtime, offset) => test(values, rowtime, offset) === true;
}

function compile(expr: Expr, resolve: (c: Extract<Expr, { kind: 'column' }>) => ResolvedColumn): Value {
  switch (expr.kind) {
    case 'logical': {
      const left = compile(expr.left, resolve);
      const right = compile(expr.right, resolve);
      return expr.op === 'AND'
        ? (v, t, o) => and(left(v, t, o) as boolean | null, right(v, t, o) as boolean | null)
        : (v, t, o) => or(left(v, t, o) as boolean | null, right(v, t, o) as boolean | null);
    }
    case 'not': {
      const inner = compile(expr.expr, resolve);
      return (v, t, o) => { const r = inner(v, t, o); return r === null ? null : !r; };
    }
    case 'compare': {
      const [left, right] = operands(expr.left, expr.right, expr.op, resolve);
      return (v, t, o) => compareValues(left(v, t, o), right(v, t, o), expr.op);
    }
    case 'between': {
      const [value, low] = operands(expr.value, expr.low, '>=', resolve);
      const [, high] = operands(expr.value, expr.high, '<=', resolve);
      return (v, t, o) => {
        const x = value(v, t, o);
        const r = and(compareValues(x, low(v, t, o), '>='), compareValues(x, high(v, t, o), '<='));
        return expr.negated && r !== null ? !r : r;
      };
    }
    case 'in': {
      const items = expr.list.map((item) => operands(expr.value, item, '=', resolve));
      return (v, t, o) => {
        const results = items.map(([value, item]) => compareValues(value(v, t, o), item(v, t, o), '='));
        const r = results.includes(true) ? true : results.includes(null) ? null : false;
        return expr.negated && r !== null ? !r : r;
      };
    }
    case 'isNull': {
      const value = compile(expr.value, resolve);
      return (v, t, o) => (value(v, t, o) === null) !== expr.negated;
    }
    case 'column': return resolve(expr).read;
    case 'literal': return () => expr.value;
    default:
      throw new KsqlStatementError('The ksqlDB stand-in does not support this expression in WHERE.');
  }
}

/** Compiles both sides of a comparison, applying ksqlDB's ROWTIME-string rewrite and type check. */
function operands(a: Expr, b: Expr, op: CompareOp,
  resolve: (c: Extract<Expr, { kind: 'column' }>) => ResolvedColumn): [Value, Value] {
  const sides = [a, b].map((e) => (e.kind === 'column' ? resolve(e) : null));
  const compiled = [a, b].map((e, i) => {
    const other = sides[1 - i];
    if (e.kind === 'literal' && typeof e.value === 'string' && other && TIME_PSEUDO_COLUMNS.has(other.name)) {
      const millis = parsePartialTimestamp(e.value);
      return () => millis;
    }
    if (e.kind === 'literal' && other) checkComparable(other, e, op);
    return compile(e, resolve);
  });
  return [compiled[0]!, compiled[1]!];
}

function checkComparable(column: ResolvedColumn, literal: Extract<Expr, { kind: 'literal' }>, op: CompareOp): void {
  if (literal.value === null) return;
  const numeric = column.type.kind === 'decimal'
    || (column.type.kind === 'scalar' && ['INTEGER', 'BIGINT', 'DOUBLE'].includes(column.type.name));
  const isString = column.type.kind === 'scalar' && column.type.name === 'STRING';
  const literalType = typeof literal.value === 'string' ? 'STRING' : typeof literal.value === 'number' ? 'NUMBER' : 'BOOLEAN';
  if ((numeric && literalType !== 'NUMBER') || (isString && literalType !== 'STRING')) {
    throw new KsqlStatementError(`Error in WHERE expression: Cannot compare ${column.name} (${formatKsqlType(column.type)}) `
      + `to ${literal.token.text} (${literalType === 'NUMBER' ? 'INTEGER' : literalType}) with ${OP_NAMES[op]}.`);
  }
}

function compareValues(a: unknown, b: unknown, op: CompareOp): boolean | null {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  const x = a as number | string;
  const y = b as number | string;
  switch (op) {
    case '=': return x === y;
    case '<>': case '!=': return x !== y;
    case '<': return x < y;
    case '<=': return x <= y;
    case '>': return x > y;
    case '>=': return x >= y;
  }
}

function and(a: boolean | null, b: boolean | null): boolean | null {
  if (a === false || b === false) return false;
  return a === null || b === null ? null : true;
}

function or(a: boolean | null, b: boolean | null): boolean | null {
  if (a === true || b === true) return true;
  return a === null || b === null ? null : false;
}
