import type { GenericError } from './error-bodies.js';
import type { OutputFormat } from './media-types.js';

/**
 * The three /query-stream body formats, byte for byte as ksqlDB's writers produce them:
 *
 * - delimited (`DelimitedQueryStreamResponseWriter`): header line, one array per line, no trailer;
 * - json (`JsonQueryStreamResponseWriter`): `[` header, `,`-prefixed rows, `]`, no newlines;
 * - StreamedRow (`JsonStreamedRowResponseWriter`): in streaming mode (push and stream pull
 *   queries) every element is followed by `,\n` and the body ends with a final message and `]`;
 *   in buffered mode (table pull queries) elements are joined by `,\n`, no final message.
 *   An error is `{"errorMessage":…}` then `]` (streaming mode leaves its `,\n` before the `]`).
 */
export interface QueryHeader {
  queryId: string | null;
  columnNames: string[];
  columnTypes: string[];
  /** StreamedRow schema string: `` `NAME` TYPE[ KEY], … `` */
  schema: string;
}

export type Emit = (chunk: string) => Promise<void>;

export interface QueryWriter {
  header(header: QueryHeader): Promise<void>;
  row(rowJson: string): Promise<void>;
  /** an element that is not valid JSON, written where a row should be */
  brokenRow(rowJson: string): Promise<void>;
  /** an in-band error after the header, closing the body */
  error(error: GenericError): Promise<void>;
  end(reason: 'limit' | 'complete'): Promise<void>;
}

export type StreamedRowMode = 'buffered' | 'streaming';

export function createQueryWriter(format: OutputFormat, mode: StreamedRowMode, emit: Emit): QueryWriter {
  switch (format) {
    case 'delimited': return delimitedWriter(emit);
    case 'json': return jsonWriter(emit);
    case 'streamed-row': return streamedRowWriter(mode, emit);
  }
}

function headerJson(h: QueryHeader): string {
  return JSON.stringify({ queryId: h.queryId, columnNames: h.columnNames, columnTypes: h.columnTypes });
}

/** The first bytes of a row, cut after its second value: `[1714557600000,"tx-1",`. */
export function truncatedRow(rowJson: string): string {
  const first = rowJson.indexOf(',');
  const second = first < 0 ? -1 : rowJson.indexOf(',', first + 1);
  return second > 0 ? rowJson.slice(0, second + 1) : rowJson.slice(0, Math.max(1, rowJson.length - 1));
}

function delimitedWriter(emit: Emit): QueryWriter {
  return {
    header: (h) => emit(`${headerJson(h)}\n`),
    row: (row) => emit(`${row}\n`),
    brokenRow: (row) => emit(`${truncatedRow(row)}\n`),
    error: (e) => emit(`${JSON.stringify(e)}\n`),
    end: async () => {},
  };
}

function jsonWriter(emit: Emit): QueryWriter {
  return {
    header: (h) => emit(`[${headerJson(h)}`),
    row: (row) => emit(`,${row}`),
    brokenRow: (row) => emit(`,${truncatedRow(row)}`),
    error: (e) => emit(`,${JSON.stringify(e)}]`),
    end: () => emit(']'),
  };
}

function streamedRowWriter(mode: StreamedRowMode, emit: Emit): QueryWriter {
  const header = (h: QueryHeader) => JSON.stringify({ header: { queryId: h.queryId, schema: h.schema } });
  const row = (r: string) => `{"row":{"columns":${r}}}`;
  const errorMessage = (e: GenericError) => JSON.stringify({ errorMessage: e });
  if (mode === 'buffered') {
    return {
      header: (h) => emit(`[${header(h)}`),
      row: (r) => emit(`,\n${row(r)}`),
      brokenRow: (r) => emit(`,\n{"row":{"columns":${truncatedRow(r)}`),
      error: (e) => emit(`,\n${errorMessage(e)}]`),
      end: () => emit(']'),
    };
  }
  return {
    header: (h) => emit(`[${header(h)},\n`),
    row: (r) => emit(`${row(r)},\n`),
    brokenRow: (r) => emit(`{"row":{"columns":${truncatedRow(r)},\n`),
    error: (e) => emit(`${errorMessage(e)},\n]`),
    end: (reason) => emit(`${JSON.stringify({ finalMessage: reason === 'limit' ? 'Limit Reached' : 'Query Completed' })}]`),
  };
}
