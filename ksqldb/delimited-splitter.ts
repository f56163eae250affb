/**
 * Splits the delimited /query-stream body (`application/vnd.ksqlapi.delimited.v1`) into lines.
 * Every line, the last one included, ends with `\n`; a body that ends with bytes after the last
 * `\n` was cut mid-line. Splitting happens on the raw bytes (0x0A never occurs inside a UTF-8
 * multi-byte character), so a chunk may end anywhere.
 */
import { type BodySplitter, DEFAULT_MAX_PIECE_BYTES, PieceBuffer, type RawPiece, type RowRun, type SplitterEnd } from './body-splitter.js';

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const OPEN_ARRAY = 0x5b; // [

export class DelimitedSplitter implements BodySplitter {
  readonly #line: PieceBuffer;

  constructor(private readonly maxLineBytes = DEFAULT_MAX_PIECE_BYTES) {
    this.#line = new PieceBuffer(maxLineBytes);
  }

  push(chunk: Buffer): RawPiece[] {
    const pieces: RawPiece[] = [];
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      this.#addLine(chunk.subarray(start, end), pieces);
      start = end + 1;
    }
    if (start < chunk.length) this.#line.add(chunk.subarray(start));
    return pieces;
  }

  pushRuns(chunk: Buffer): Array<RawPiece | RowRun> {
    const out: Array<RawPiece | RowRun> = [];
    let start = 0;
    let runStart = 0;
    let count = 0;
    const endRun = (): void => {
      if (count > 0) out.push({ rows: chunk.subarray(runStart, start), count });
      count = 0;
    };
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      // A row line whole in this chunk stays bytes; a line begun in an earlier chunk, anything but
      // a row, a stray `\r` and an oversized line take the text path, which says what they are.
      const whole = start > 0 || this.#line.size === 0;
      if (whole && chunk[start] === OPEN_ARRAY && chunk[end - 1] !== CARRIAGE_RETURN && end - start <= this.maxLineBytes) {
        if (count === 0) runStart = start;
        count++;
      } else {
        endRun();
        this.#addLine(chunk.subarray(start, end), out);
      }
      start = end + 1;
    }
    endRun();
    if (start < chunk.length) this.#line.add(chunk.subarray(start));
    return out;
  }

  /** Completes the buffered line with `bytes` and adds it as a text piece, unless it is blank. */
  #addLine(bytes: Buffer, pieces: Array<RawPiece | RowRun>): void {
    this.#line.add(bytes);
    const piece = this.#line.take();
    // The legacy writer's keep-alive blank lines (and a stray `\r`) carry nothing.
    const text = piece.text.endsWith('\r') ? piece.text.slice(0, -1) : piece.text;
    if (text.trim() !== '') pieces.push({ ...piece, text });
  }

  finish(): SplitterEnd {
    if (!this.#line.hasContent()) return { pieces: [], cutOff: null };
    return { pieces: [], cutOff: `delimited body ended mid-line (${this.#line.size} bytes after the last newline)` };
  }
}
