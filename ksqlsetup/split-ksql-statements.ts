/**
 * Splits a ksqlDB script into statements, each ending with its ';' (ksqlDB's grammar is
 * `statement ';'`). A ';' inside a string literal, a quoted identifier or a comment does not end
 * a statement; comments before a statement are dropped, comments inside it are kept.
 */
export class KsqlScriptError extends Error {
  override name = 'KsqlScriptError';
}

export function splitKsqlStatements(script: string): string[] {
  const statements: string[] = [];
  let start = -1; // offset of the current statement's first token, -1 between statements
  let i = 0;
  while (i < script.length) {
    const ch = script[i]!;
    if (script.startsWith('--', i)) {
      i = endOfLine(script, i);
    } else if (script.startsWith('/*', i)) {
      const end = script.indexOf('*/', i + 2);
      if (end < 0) throw new KsqlScriptError(`unterminated /* comment at ${position(script, i)}`);
      i = end + 2;
    } else if (/\s/.test(ch)) {
      i++;
    } else {
      if (start < 0) start = i;
      if (ch === "'" || ch === '`' || ch === '"') {
        i = endOfQuoted(script, i);
      } else if (ch === ';') {
        statements.push(script.slice(start, i + 1));
        start = -1;
        i++;
      } else {
        i++;
      }
    }
  }
  if (start >= 0) {
    throw new KsqlScriptError(`statement at ${position(script, start)} does not end with ';'`);
  }
  return statements;
}

function endOfLine(script: string, from: number): number {
  const end = script.indexOf('\n', from);
  return end < 0 ? script.length : end + 1;
}

/** Index just past the closing quote; a doubled quote is an escaped one, as in ksqlDB. */
function endOfQuoted(script: string, open: number): number {
  const quote = script[open]!;
  let i = open + 1;
  for (;;) {
    const close = script.indexOf(quote, i);
    if (close < 0) throw new KsqlScriptError(`unterminated ${quote} at ${position(script, open)}`);
    if (script[close + 1] !== quote) return close + 1;
    i = close + 2;
  }
}

function position(script: string, offset: number): string {
  const before = script.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}:${offset - (before.lastIndexOf('\n') + 1) + 1}`;
}
