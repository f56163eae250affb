import { parseExpression, type Expr } from './parse-expression.js';
import { tokenize } from './tokenize.js';
import { parseSelect, type SelectQuery } from './parse-select.js';
import { KsqlStatementError } from './ksql-statement-error.js';
import { TokenCursor } from './token-cursor.js';

/**
 * Splits a request's SQL into statements and parses the kinds the stand-in serves. Every
 * statement must end with ';' (ksqlDB's grammar is `statement ';'`); anything the stand-in does
 * not implement parses as `unsupported` so the route can refuse it by name.
 */
export type Statement = { text: string } & (
  | { kind: 'select'; query: SelectQuery }
  | { kind: 'list'; what: 'STREAMS' | 'TABLES' | 'QUERIES'; extended: boolean }
  | { kind: 'describe'; target: string; extended: boolean }
  | { kind: 'describeAll'; what: 'STREAMS' | 'TABLES'; extended: boolean }
  | { kind: 'insertValues'; target: string; columns: string[] | null; values: Expr[] }
  | { kind: 'print' }
  | { kind: 'unsupported'; keyword: string; words: string[] }
);

type Body = Statement extends infer S ? (S extends Statement ? Omit<S, 'text'> : never) : never;

const STATEMENT_WORDS = [
  'SELECT', 'SHOW', 'LIST', 'DESCRIBE', 'INSERT', 'PRINT', 'CREATE', 'DROP', 'TERMINATE', 'SET', 'UNSET',
  'EXPLAIN', 'DEFINE', 'UNDEFINE', 'ALTER', 'PAUSE', 'RESUME', 'ASSERT', 'RUN',
];

export function parseStatements(sql: string): Statement[] {
  const c = new TokenCursor(tokenize(sql));
  const statements: Statement[] = [];
  while (!c.atEnd()) {
    const first = c.peek();
    const body = parseOne(c);
    if (!c.is(';')) throw c.mismatch("';'");
    const semicolon = c.next();
    statements.push({ ...body, text: sql.slice(first.offset, semicolon.offset + 1) } as Statement);
  }
  return statements;
}

function parseOne(c: TokenCursor): Body {
  const first = c.peek();
  const word = first.kind === 'ident' && !first.quoted ? first.value : '';
  switch (word) {
    case 'SELECT': return { kind: 'select', query: parseSelect(c) };
    case 'SHOW': case 'LIST': return parseList(c);
    case 'DESCRIBE': return parseDescribe(c);
    case 'INSERT': return parseInsert(c);
    case 'PRINT': c.skipStatement(); return { kind: 'print' };
    default:
      if (STATEMENT_WORDS.includes(word)) return unsupported(c);
      throw unknownStatement(first.kind === 'eof' ? '<EOF>' : first.text, first.line, first.column);
  }
}

function unsupported(c: TokenCursor): Body {
  const words = c.skipStatement().map((t) => (t.kind === 'ident' ? t.value : t.text));
  return { kind: 'unsupported', keyword: words[0] ?? '', words };
}

function parseList(c: TokenCursor): Body {
  c.next();
  const what = c.peek().value;
  if (what !== 'STREAMS' && what !== 'TABLES' && what !== 'QUERIES') return unsupported(c);
  c.next();
  return { kind: 'list', what, extended: c.accept('EXTENDED') };
}

function parseDescribe(c: TokenCursor): Body {
  c.next();
  if ((c.is('STREAMS') || c.is('TABLES')) && (c.is(';', 1) || c.is('EXTENDED', 1))) {
    const what = c.next().value as 'STREAMS' | 'TABLES';
    return { kind: 'describeAll', what, extended: c.accept('EXTENDED') };
  }
  if (c.is('FUNCTION') || c.is('CONNECTOR')) return unsupported(c);
  const target = c.identifier('a source name').value;
  return { kind: 'describe', target, extended: c.accept('EXTENDED') };
}

function parseInsert(c: TokenCursor): Body {
  c.next();
  c.expect('INTO');
  const target = c.identifier('a source name').value;
  let columns: string[] | null = null;
  if (c.accept('(')) {
    columns = [c.identifier('a column name').value];
    while (c.accept(',')) columns.push(c.identifier('a column name').value);
    c.expect(')');
  }
  if (!c.is('VALUES')) return unsupported(c);
  c.next();
  c.expect('(');
  const values = [parseExpression(c)];
  while (c.accept(',')) values.push(parseExpression(c));
  c.expect(')');
  return { kind: 'insertValues', target, columns, values };
}

/** `line 1:1: Syntax Error\nUnknown statement 'SLECTT'\nDid you mean 'SELECT'?` */
function unknownStatement(word: string, line: number, column: number): KsqlStatementError {
  const guess = STATEMENT_WORDS
    .map((w) => ({ w, d: editDistance(w, word.toUpperCase()) }))
    .sort((a, b) => a.d - b.d)[0]!;
  const hint = guess.d <= 2 ? `\nDid you mean '${guess.w}'?` : '';
  return new KsqlStatementError(`line ${line}:${column}: Syntax Error\nUnknown statement '${word}'${hint}`);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}
