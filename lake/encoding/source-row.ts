import { parse, stringify } from 'lossless-json';

/**
 * A row as the lake receives it from a source: decoded values, or a line the source sent that
 * could not be decoded at all (kept verbatim for the quarantine). Same shape as the ksqlDB
 * client's rows, without the lake depending on the client.
 */
export type SourceRow = { kind: 'row'; values: unknown[] } | { kind: 'malformed'; raw: string; reason: string };

/**
 * A row as its wire text (a JSON array, not parsed); `count` rows as the bytes they came in (lines
 * starting with `[` and ending with `\n`, never decoded to text on the fast path); or a piece the
 * source already knows is unusable.
 */
export type SourceLine = { kind: 'line'; text: string } | { kind: 'rows'; bytes: Buffer; count: number } | { kind: 'malformed'; raw: string; reason: string };

/**
 * Rows as the source sent them, in batches, for the lake to parse in bulk; `decode` parses one line
 * exactly as the source's row-by-row reading would (the ksqlDB client's raw-lines mode has this shape).
 */
export interface SourceLines {
  batches: AsyncIterable<SourceLine[]>;
  decode(text: string): SourceRow;
}

const BATCH_ROWS = 1000;

/** Decoded rows as wire lines: numbers keep their exact text (lossless-json both ways). */
export function sourceLinesOf(rows: AsyncIterable<SourceRow>): SourceLines {
  async function* batches(): AsyncGenerator<SourceLine[]> {
    let batch: SourceLine[] = [];
    for await (const row of rows) {
      batch.push(row.kind === 'row' ? { kind: 'line', text: stringify(row.values) ?? '[]' } : row);
      if (batch.length === BATCH_ROWS) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }
  return { batches: batches(), decode: (text) => ({ kind: 'row', values: parse(text) as unknown[] }) };
}
