import { parseExpression, parsePrimary, type Expr } from './parse-expression.js';
import type { Token } from './tokenize.js';
import { KsqlStatementError, PULL_QUERY_HELP } from './ksql-statement-error.js';
import type { TokenCursor } from './token-cursor.js';

/**
 * `SELECT <items> FROM <source> [[AS] alias] [WHERE <expr>] [EMIT CHANGES] [LIMIT n]`.
 * Select items are `*`, `alias.*` or column references with an optional alias: enough for
 * everything an exporter asks (`SELECT ROWTIME, * FROM s WHERE ROWTIME >= … AND ROWTIME < …;`).
 */
export type SelectItem =
  | { kind: 'all' }
  | { kind: 'column'; column: Extract<Expr, { kind: 'column' }>; alias: string | null };

export interface SelectQuery {
  items: SelectItem[];
  source: Token;
  alias: string | null;
  where: Expr | null;
  emitChanges: boolean;
  limit: number | null;
}

const CLAUSE_WORDS = new Set(['WHERE', 'EMIT', 'LIMIT', 'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'WINDOW', 'GROUP', 'PARTITION', 'HAVING']);
const UNSUPPORTED_CLAUSES: Readonly<Record<string, string>> = {
  JOIN: 'JOIN', INNER: 'JOIN', LEFT: 'JOIN', RIGHT: 'JOIN', FULL: 'JOIN', WINDOW: 'WINDOW',
  GROUP: 'GROUP BY', PARTITION: 'PARTITION BY', HAVING: 'HAVING',
};

export function parseSelect(c: TokenCursor): SelectQuery {
  c.expect('SELECT');
  const items = [parseItem(c)];
  while (c.accept(',')) items.push(parseItem(c));
  c.expect('FROM');
  const source = c.identifier('a source name');
  let alias: string | null = null;
  if (c.accept('AS')) alias = c.identifier('an alias').value;
  else if (c.peek().kind === 'ident' && !CLAUSE_WORDS.has(c.peek().value)) alias = c.next().value;

  const clause = UNSUPPORTED_CLAUSES[c.peek().kind === 'ident' ? c.peek().value : ''];
  if (clause) throw unsupportedClause(c, clause);

  const where = c.accept('WHERE') ? parseExpression(c) : null;
  let emitChanges = false;
  if (c.accept('EMIT')) {
    if (!c.is('CHANGES')) throw c.mismatch("'CHANGES'");
    c.next();
    emitChanges = true;
  }
  let limit: number | null = null;
  if (c.accept('LIMIT')) {
    const negative = c.accept('-');
    const token = c.peek();
    if (token.kind !== 'number' || !/^\d+$/.test(token.value)) throw c.mismatch('an integer');
    c.next();
    limit = Number(token.value) * (negative ? -1 : 1);
  }
  return { items, source, alias, where, emitChanges, limit };
}

function parseItem(c: TokenCursor): SelectItem {
  if (c.accept('*')) return { kind: 'all' };
  if (c.peek().kind === 'ident' && c.is('.', 1) && c.is('*', 2)) {
    c.next(); c.next(); c.next();
    return { kind: 'all' };
  }
  if (c.peek().kind === 'ident' && c.is('(', 1)) {
    throw new KsqlStatementError(
      `The ksqlDB stand-in only supports column references in SELECT; '${c.peek().text}(…)' is not implemented.`);
  }
  const expr = parsePrimary(c);
  if (expr.kind !== 'column') {
    throw new KsqlStatementError('The ksqlDB stand-in only supports column references in SELECT.');
  }
  let alias: string | null = null;
  if (c.accept('AS')) alias = c.identifier('an alias').value;
  else if (c.peek().kind === 'ident' && !c.is('FROM')) alias = c.next().value;
  return { kind: 'column', column: expr, alias };
}

/** A pull query gets ksqlDB's own refusal; a push query with that clause is beyond the stand-in. */
function unsupportedClause(c: TokenCursor, clause: string): KsqlStatementError {
  const rest = c.skipStatement().map((t) => t.value);
  const isPush = rest.some((word, i) => word === 'EMIT' && rest[i + 1] === 'CHANGES');
  if (!isPush) return new KsqlStatementError(`Pull queries don't support ${clause} clauses.${PULL_QUERY_HELP}`);
  return new KsqlStatementError(`The ksqlDB stand-in does not implement ${clause} in push queries.`);
}
