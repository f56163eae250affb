import { KsqlStatementError } from './ksql-statement-error.js';

/**
 * Splits ksqlDB SQL into tokens. Unquoted identifiers are upper-cased (ksqlDB's rule);
 * back-quoted ones keep their case. Positions are reported ANTLR-style as `line L:C` with a
 * 1-based column, which is how ksqlDB prefixes parse errors.
 */
export type TokenKind = 'ident' | 'string' | 'number' | 'symbol' | 'eof';

export interface Token {
  kind: TokenKind;
  /** identifier value (upper-cased unless quoted), string content, number text or symbol */
  value: string;
  /** the source text of the token */
  text: string;
  quoted: boolean;
  offset: number;
  line: number;
  column: number;
}

const SYMBOLS = [':=', '->', '>=', '<=', '<>', '!=', '=', '<', '>', ',', ';', '(', ')', '*', '[', ']', '.', '+', '-', '/', '%'];

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const position = (offset: number) => {
    const before = sql.slice(0, offset);
    const line = before.split('\n').length;
    return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
  };
  const push = (kind: TokenKind, value: string, start: number, quoted = false) =>
    tokens.push({ kind, value, text: sql.slice(start, i), quoted, offset: start, ...position(start) });

  while (i < sql.length) {
    const ch = sql[i]!;
    const start = i;
    if (/\s/.test(ch)) { i++; continue; }
    if (sql.startsWith('--', i)) { while (i < sql.length && sql[i] !== '\n') i++; continue; }
    if (sql.startsWith('/*', i)) { const end = sql.indexOf('*/', i + 2); i = end < 0 ? sql.length : end + 2; continue; }
    if (/[A-Za-z_]/.test(ch)) {
      while (i < sql.length && /[A-Za-z0-9_@$]/.test(sql[i]!)) i++;
      push('ident', sql.slice(start, i).toUpperCase(), start);
    } else if (ch === '`' || ch === '"') {
      const { value, end } = readQuoted(sql, i, ch, position);
      i = end;
      push('ident', value, start, true);
    } else if (ch === "'") {
      const { value, end } = readQuoted(sql, i, "'", position);
      i = end;
      push('string', value, start);
    } else if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const match = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(sql.slice(i))!;
      i += match[0].length;
      push('number', match[0], start);
    } else {
      const symbol = SYMBOLS.find((s) => sql.startsWith(s, i));
      if (!symbol) {
        const { line, column } = position(i);
        throw new KsqlStatementError(`line ${line}:${column}: Syntax Error\ntoken recognition error at: '${ch}'`);
      }
      i += symbol.length;
      push('symbol', symbol, start);
    }
  }
  tokens.push({ kind: 'eof', value: '<EOF>', text: '<EOF>', quoted: false, offset: sql.length, ...position(sql.length) });
  return tokens;
}

function readQuoted(sql: string, start: number, quote: string,
  position: (offset: number) => { line: number; column: number }): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  for (;;) {
    if (i >= sql.length) {
      const { line, column } = position(start);
      throw new KsqlStatementError(`line ${line}:${column}: Syntax Error\ntoken recognition error at: '${sql.slice(start)}'`);
    }
    if (sql[i] === quote) {
      // A doubled quote is the only escape ksqlDB knows (no backslash escapes).
      if (sql[i + 1] === quote) { value += quote; i += 2; continue; }
      return { value, end: i + 1 };
    }
    value += sql[i++];
  }
}
