/**
 * The contract both /query-stream formats share: bytes go in chunk by chunk (cut anywhere, even
 * inside a UTF-8 character), complete pieces (a line, an array element) come out as text.
 */

/** One line (delimited) or one top-level element (JSON array). */
export interface RawPiece {
  text: string;
  /** Set when the splitter itself already knows the piece is unusable (too large, stray bytes). */
  malformedReason?: string;
}

/**
 * Whole rows of the delimited format left as the bytes they came in: `count` lines, each starting
 * with `[` and ending with `\n`, none longer than the splitter's limit. For a caller that reads rows
 * in bulk (the lake hands them to DuckDB): no text is decoded, no string made per row.
 */
export interface RowRun {
  rows: Buffer;
  count: number;
}

export interface BodySplitter {
  /** Returns the pieces this chunk completed; keeps the unfinished tail for the next chunk. */
  push(chunk: Buffer): RawPiece[];
  /**
   * As `push`, with the row lines that lie whole in the chunk handed out as RowRuns, in order with
   * the other pieces. Only a format whose rows are lines has it.
   */
  pushRuns?(chunk: Buffer): Array<RawPiece | RowRun>;
  /** At the end of the body: any last pieces, and why the body is cut off (null if it is not). */
  finish(): SplitterEnd;
}

export interface SplitterEnd {
  pieces: RawPiece[];
  cutOff: string | null;
}

/** Largest piece kept whole; longer ones are reported malformed with their first bytes only. */
export const DEFAULT_MAX_PIECE_BYTES = 16 * 1024 * 1024;
/** How much of an oversized piece is kept for the quarantine record. */
export const OVERSIZE_PREVIEW_BYTES = 4096;

/** Collects one piece's bytes across chunks, keeping only a preview once it is too large. */
export class PieceBuffer {
  #parts: Buffer[] = [];
  #size = 0;
  #oversize = false;

  constructor(private readonly maxBytes: number) {}

  get size(): number {
    return this.#size;
  }

  add(bytes: Buffer): void {
    this.#size += bytes.length;
    if (this.#oversize) return;
    if (this.#size > this.maxBytes) {
      this.#oversize = true;
      this.#parts = [Buffer.concat([...this.#parts, bytes]).subarray(0, OVERSIZE_PREVIEW_BYTES)];
      return;
    }
    this.#parts.push(bytes);
  }

  /** Empties the buffer and returns its piece. */
  take(): RawPiece {
    const text = (this.#parts.length === 1 ? this.#parts[0]! : Buffer.concat(this.#parts)).toString('utf8');
    const piece: RawPiece = this.#oversize
      ? { text, malformedReason: `larger than ${this.maxBytes} bytes (${this.#size} bytes; first ${OVERSIZE_PREVIEW_BYTES} kept)` }
      : { text };
    this.#parts = [];
    this.#size = 0;
    this.#oversize = false;
    return piece;
  }

  /** True if the buffered bytes hold anything but whitespace. */
  hasContent(): boolean {
    return this.#parts.some((part) => part.some((byte) => !isJsonWhitespace(byte)));
  }
}

/** The four whitespace bytes JSON allows between tokens. */
export function isJsonWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}
