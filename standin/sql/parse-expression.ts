import type { Token } from './tokenize.js';
import type { TokenCursor } from './token-cursor.js';

/**
 * The expression subset the stand-in understands: boolean logic, comparisons, BETWEEN, IN,
 * IS NULL over column references and literals (WHERE clauses), plus ARRAY[...] and
 * STRUCT(f := v) constructors (INSERT VALUES).
 */
export type CompareOp = '=' | '<>' | '!=' | '<' | '<=' | '>' | '>=';

export type Expr =
  | { kind: 'literal'; value: string | number | boolean | null; token: Token }
  | { kind: 'column'; name: string; qualifier: string | null; token: Token }
  | { kind: 'array'; items: Expr[] }
  | { kind: 'struct'; fields: Array<{ name: string; value: Expr }> }
  | { kind: 'not'; expr: Expr }
  | { kind: 'logical'; op: 'AND' | 'OR'; left: Expr; right: Expr }
  | { kind: 'compare'; op: CompareOp; left: Expr; right: Expr }
  | { kind: 'between'; value: Expr; low: Expr; high: Expr; negated: boolean }
  | { kind: 'in'; value: Expr; list: Expr[]; negated: boolean }
  | { kind: 'isNull'; value: Expr; negated: boolean };

const COMPARE_OPS: readonly CompareOp[] = ['=', '<>', '!=', '<=', '>=', '<', '>'];

export function parseExpression(c: TokenCursor): Expr {
  let left = parseAnd(c);
  while (c.accept('OR')) left = { kind: 'logical', op: 'OR', left, right: parseAnd(c) };
  return left;
}

function parseAnd(c: TokenCursor): Expr {
  let left = parseNot(c);
  while (c.accept('AND')) left = { kind: 'logical', op: 'AND', left, right: parseNot(c) };
  return left;
}

function parseNot(c: TokenCursor): Expr {
  return c.accept('NOT') ? { kind: 'not', expr: parseNot(c) } : parsePredicate(c);
}

function parsePredicate(c: TokenCursor): Expr {
  const value = parsePrimary(c);
  const op = COMPARE_OPS.find((o) => c.is(o));
  if (op) {
    c.next();
    return { kind: 'compare', op, left: value, right: parsePrimary(c) };
  }
  if (c.is('IS')) {
    c.next();
    const negated = c.accept('NOT');
    c.expect('NULL');
    return { kind: 'isNull', value, negated };
  }
  const negated = c.is('NOT') && (c.is('BETWEEN', 1) || c.is('IN', 1));
  if (negated) c.next();
  if (c.accept('BETWEEN')) {
    const low = parsePrimary(c);
    c.expect('AND');
    return { kind: 'between', value, low, high: parsePrimary(c), negated };
  }
  if (c.accept('IN')) {
    c.expect('(');
    const list = [parsePrimary(c)];
    while (c.accept(',')) list.push(parsePrimary(c));
    c.expect(')');
    return { kind: 'in', value, list, negated };
  }
  return value;
}

/** A literal, a (possibly qualified) column, a constructor or a parenthesised expression. */
export function parsePrimary(c: TokenCursor): Expr {
  const token = c.peek();
  if (c.accept('(')) {
    const inner = parseExpression(c);
    c.expect(')');
    return inner;
  }
  if (c.is('-') || c.is('+')) {
    const sign = c.next().value;
    const number = c.peek();
    if (number.kind !== 'number') throw c.mismatch('a number');
    c.next();
    return { kind: 'literal', value: Number(sign + number.value), token: number };
  }
  if (token.kind === 'number') return c.next(), { kind: 'literal', value: Number(token.value), token };
  if (token.kind === 'string') return c.next(), { kind: 'literal', value: token.value, token };
  if (c.is('NULL')) return c.next(), { kind: 'literal', value: null, token };
  if (c.is('TRUE') || c.is('FALSE')) return c.next(), { kind: 'literal', value: token.value === 'TRUE', token };
  if (c.is('ARRAY') && c.is('[', 1)) return parseArray(c);
  if (c.is('STRUCT') && c.is('(', 1)) return parseStruct(c);
  if (token.kind === 'ident') {
    c.next();
    if (c.accept('.')) {
      const column = c.identifier('a column name');
      return { kind: 'column', name: column.value, qualifier: token.value, token: column };
    }
    return { kind: 'column', name: token.value, qualifier: null, token };
  }
  throw c.mismatch('an expression');
}

function parseArray(c: TokenCursor): Expr {
  c.next();
  c.expect('[');
  const items: Expr[] = [];
  if (!c.is(']')) {
    do items.push(parseExpression(c)); while (c.accept(','));
  }
  c.expect(']');
  return { kind: 'array', items };
}

function parseStruct(c: TokenCursor): Expr {
  c.next();
  c.expect('(');
  const fields: Array<{ name: string; value: Expr }> = [];
  if (!c.is(')')) {
    do {
      const name = c.identifier('a field name').value;
      c.expect(':=');
      fields.push({ name, value: parseExpression(c) });
    } while (c.accept(','));
  }
  c.expect(')');
  return { kind: 'struct', fields };
}

/** Every column an expression mentions, in order. */
export function columnsOf(expr: Expr): Array<Extract<Expr, { kind: 'column' }>> {
  switch (expr.kind) {
    case 'column': return [expr];
    case 'literal': return [];
    case 'array': return expr.items.flatMap(columnsOf);
    case 'struct': return expr.fields.flatMap((f) => columnsOf(f.value));
    case 'not': return columnsOf(expr.expr);
    case 'logical': case 'compare': return [...columnsOf(expr.left), ...columnsOf(expr.right)];
    case 'between': return [expr.value, expr.low, expr.high].flatMap(columnsOf);
    case 'in': return [expr.value, ...expr.list].flatMap(columnsOf);
    case 'isNull': return columnsOf(expr.value);
  }
}
