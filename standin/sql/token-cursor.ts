import type { Token } from './tokenize.js';
import { KsqlStatementError } from './ksql-statement-error.js';

/** A read position over tokens, with the ANTLR-flavoured error messages ksqlDB returns. */
export class TokenCursor {
  private index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)]!;
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  /** True (and consumed) when the next token is this unquoted keyword or symbol. */
  accept(word: string): boolean {
    if (this.is(word)) { this.index++; return true; }
    return false;
  }

  is(word: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return (token.kind === 'symbol' || (token.kind === 'ident' && !token.quoted)) && token.value === word;
  }

  expect(word: string): Token {
    if (!this.is(word)) throw this.mismatch(`'${word}'`);
    return this.next();
  }

  identifier(what = 'an identifier'): Token {
    const token = this.peek();
    if (token.kind !== 'ident') throw this.mismatch(what);
    return this.next();
  }

  /** Skips to just past the next ';' (or to the end), returning the tokens passed over. */
  skipStatement(): Token[] {
    const skipped: Token[] = [];
    while (this.peek().kind !== 'eof' && !this.is(';')) skipped.push(this.next());
    return skipped;
  }

  atEnd(): boolean {
    return this.peek().kind === 'eof';
  }

  mismatch(expecting: string): KsqlStatementError {
    const token = this.peek();
    const shown = token.kind === 'eof' ? '<EOF>' : token.text;
    return new KsqlStatementError(`line ${token.line}:${token.column}: mismatched input '${shown}' expecting ${expecting}`);
  }
}
