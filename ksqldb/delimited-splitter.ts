/**
 * Splits the delimited /query-stream body (`application/vnd.ksqlapi.delimited.v1`) into lines.
 * Every line, the last one included, ends with `\n`; a body that ends with bytes after the last
 * `\n` was cut mid-line. Splitting happens on the raw bytes (0x0A never occurs inside a UTF-8
 * multi-byte character), so a chunk may end anywhere.
 */
import { type BodySplitter, DEFAULT_MAX_PIECE_BYTES, PieceBuffer, type RawPiece, type SplitterEnd } from './body-splitter.js';

const NEWLINE = 0x0a;

export class DelimitedSplitter implements BodySplitter {
  readonly #line: PieceBuffer;

  constructor(maxLineBytes = DEFAULT_MAX_PIECE_BYTES) {
    this.#line = new PieceBuffer(maxLineBytes);
  }

  push(chunk: Buffer): RawPiece[] {
    const pieces: RawPiece[] = [];
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      this.#line.add(chunk.subarray(start, end));
      const piece = this.#line.take();
      // The legacy writer's keep-alive blank lines (and a stray `\r`) carry nothing.
      const text = piece.text.endsWith('\r') ? piece.text.slice(0, -1) : piece.text;
      if (text.trim() !== '') pieces.push({ ...piece, text });
      start = end + 1;
    }
    if (start < chunk.length) this.#line.add(chunk.subarray(start));
    return pieces;
  }

  finish(): SplitterEnd {
    if (!this.#line.hasContent()) return { pieces: [], cutOff: null };
    return { pieces: [], cutOff: `delimited body ended mid-line (${this.#line.size} bytes after the last newline)` };
  }
}
