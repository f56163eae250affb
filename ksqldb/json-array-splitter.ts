/**
 * Splits the JSON /query-stream body (`[header,row,row,…]`, no newlines) into its top-level
 * elements without parsing them: a small state machine tracks strings, escapes and nesting
 * depth, so an element that is not valid JSON is still cut out by its boundaries and can be
 * reported on its own. A body without its closing `]` is cut off.
 *
 * One resynchronisation: a row whose write broke off after a `,` never closes its brackets, so
 * depth alone would swallow the rest of the body into it. A `,` where a value must come
 * (`,,`, `[,`, `{,`, `:,`) is never valid JSON; it is taken as the separator that follows the
 * broken element, which is then reported on its own.
 */
import { type BodySplitter, DEFAULT_MAX_PIECE_BYTES, isJsonWhitespace, PieceBuffer, type RawPiece, type SplitterEnd } from './body-splitter.js';

const OPEN_ARRAY = 0x5b; // [
const CLOSE_ARRAY = 0x5d; // ]
const OPEN_OBJECT = 0x7b; // {
const CLOSE_OBJECT = 0x7d; // }
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
// After these a value must follow: a `,` there means the element broke off (see above).
const VALUE_EXPECTED: ReadonlySet<number> = new Set([COMMA, OPEN_ARRAY, OPEN_OBJECT, COLON]);

type State = 'start' | 'between' | 'element' | 'closed' | 'trailing';

export class JsonArraySplitter implements BodySplitter {
  readonly #element: PieceBuffer;
  #state: State = 'start';
  #depth = 0;
  #inString = false;
  #escaped = false;
  /** Last byte outside strings that was not whitespace: tells whether a value must come next. */
  #last = 0;

  constructor(maxElementBytes = DEFAULT_MAX_PIECE_BYTES) {
    this.#element = new PieceBuffer(maxElementBytes);
  }

  push(chunk: Buffer): RawPiece[] {
    const pieces: RawPiece[] = [];
    let start = this.#state === 'element' || this.#state === 'trailing' ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      switch (this.#state) {
        case 'start':
          if (isJsonWhitespace(byte)) continue;
          if (byte === OPEN_ARRAY) {
            this.#state = 'between';
            continue;
          }
          // Not an array at all (a delimited body, an HTML page): keep it whole as one stray piece.
          this.#state = 'trailing';
          start = i;
          continue;
        case 'between':
          if (isJsonWhitespace(byte) || byte === COMMA) continue; // `,,` or `,]`: nothing to report
          if (byte === CLOSE_ARRAY) {
            this.#state = 'closed';
            continue;
          }
          this.#state = 'element';
          this.#depth = 0;
          this.#inString = false;
          this.#escaped = false;
          this.#last = 0;
          start = i;
          this.#endsElement(byte); // never true here: `,` and `]` were handled above
          continue;
        case 'element':
          if (!this.#endsElement(byte)) continue;
          this.#element.add(chunk.subarray(start, i));
          pieces.push(trimmed(this.#element.take()));
          this.#state = byte === COMMA ? 'between' : 'closed';
          start = -1;
          continue;
        case 'closed':
          if (isJsonWhitespace(byte)) continue;
          this.#state = 'trailing';
          start = i;
          continue;
        case 'trailing':
          continue;
      }
    }
    if (start !== -1) this.#element.add(chunk.subarray(start));
    return pieces;
  }

  finish(): SplitterEnd {
    switch (this.#state) {
      case 'closed':
        return { pieces: [], cutOff: null };
      case 'trailing': {
        // Bytes after `]` or instead of `[`: not what was asked for, but not cut off either.
        const { text } = this.#element.take();
        return { pieces: [{ text, malformedReason: 'bytes outside the top-level JSON array' }], cutOff: null };
      }
      case 'start':
        return { pieces: [], cutOff: 'JSON body ended before its opening [' };
      default: {
        const lost = this.#state === 'element' ? ' (last element cut off)' : '';
        return { pieces: [], cutOff: `JSON array ended without its closing ]${lost}` };
      }
    }
  }

  /** Feeds one byte of an element; true when that byte is the `,` or `]` that ends it. */
  #endsElement(byte: number): boolean {
    if (this.#inString) {
      if (this.#escaped) this.#escaped = false;
      else if (byte === BACKSLASH) this.#escaped = true;
      else if (byte === QUOTE) this.#inString = false;
      return false;
    }
    if (isJsonWhitespace(byte)) return false;
    const previous = this.#last;
    this.#last = byte;
    if (byte === QUOTE) this.#inString = true;
    else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) this.#depth++;
    else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      if (this.#depth === 0) return byte === CLOSE_ARRAY;
      this.#depth--;
    } else if (byte === COMMA) return this.#depth === 0 || VALUE_EXPECTED.has(previous);
    return false;
  }
}

function trimmed(piece: RawPiece): RawPiece {
  return { ...piece, text: piece.text.trim() };
}
