/**
 * Turns a 200 /query-stream response into a QueryResult: reads up to the header, then hands out
 * rows as the caller pulls them (the body is never read ahead of the caller, so memory does not
 * grow with the result). Bad lines become `malformed` rows for the caller to quarantine; an error
 * object in the stream and a cut-off body are errors, never the end of a result.
 *
 * Two ways to hand out rows: decoded one by one (`readQueryResult`), or as their wire text in
 * batches (`readRawQueryResult`) for a caller that parses rows in bulk elsewhere; the raw mode
 * only looks at a line's first character, and still raises errors and truncation the same way.
 */
import type { BodySplitter, RawPiece, RowRun } from './body-splitter.js';
import { classifyKsqlError } from './classify-ksql-error.js';
import { type KsqlErrorContext, KsqlProtocolError, KsqlTruncatedResponseError } from './errors.js';
import { type KsqlType, parseKsqlType } from './ksql-type.js';
import { classifyQueryElement, type QueryElement, type QueryHeader } from './query-element.js';
import type { ResponseBody } from './response-body.js';

/** A row as lossless-json parsed it, or a line/element set aside with the reason. */
export type QueryRow = { kind: 'row'; values: unknown[] } | { kind: 'malformed'; raw: string; reason: string };

/**
 * A row's wire text, not parsed (it starts with `[`); `count` rows as the bytes they came in (the
 * delimited format, see RowRun); or a piece already known to be unusable.
 */
export type RawQueryRow = { kind: 'line'; text: string } | { kind: 'rows'; bytes: Buffer; count: number } | { kind: 'malformed'; raw: string; reason: string };

export interface QueryColumn {
  name: string;
  type: KsqlType;
}

interface QueryResultBase {
  header: QueryHeader;
  /** The header's columns with their types parsed. */
  columns: QueryColumn[];
  /** Stops reading and closes the request (the server then closes a push query). */
  cancel(): void;
}

export interface QueryResult extends QueryResultBase {
  /** Single-use; pulling drives the network read. Throws on a mid-stream error or truncation. */
  rows: AsyncIterable<QueryRow>;
}

export interface RawQueryResult extends QueryResultBase {
  /** Single-use, one batch per network chunk; throws on a mid-stream error or truncation. */
  batches: AsyncIterable<RawQueryRow[]>;
  /** Parses one line of `batches` as `readQueryResult` would have: a row, or why it is malformed. */
  decode(text: string): QueryRow;
}

const PREVIEW_CHARS = 200;
const OPEN_ARRAY = 0x5b; // [

/** Reads the header of a 200 response; rejects if the body ends, errs or starts with something else. */
export async function readQueryResult(
  body: ResponseBody,
  splitter: BodySplitter,
  context: KsqlErrorContext,
  guard: (error: unknown) => unknown,
): Promise<QueryResult> {
  const start = await readStart(body, splitter, context, guard);
  const rows = readRows(start, body, guard);
  return { header: start.header, columns: start.columns, rows: { [Symbol.asyncIterator]: () => rows }, cancel: () => body.close() };
}

/** As `readQueryResult`, with the rows handed out as wire text in batches. */
export async function readRawQueryResult(
  body: ResponseBody,
  splitter: BodySplitter,
  context: KsqlErrorContext,
  guard: (error: unknown) => unknown,
): Promise<RawQueryResult> {
  const start = await readStart(body, splitter, context, guard);
  // Past the header, rows may stay bytes (the delimited format): nothing reads them here.
  start.mode.runs = true;
  const batches = readRawBatches(start, body, guard);
  const width = start.columns.length;
  const decode = (text: string): QueryRow => {
    const element = classifyQueryElement({ text });
    if (element.kind === 'row' || element.kind === 'malformed') return toQueryRow(element, width, start.context)!;
    return { kind: 'malformed', raw: text, reason: `not a row (${element.kind})` };
  };
  return { header: start.header, columns: start.columns, batches: { [Symbol.asyncIterator]: () => batches }, decode, cancel: () => body.close() };
}

interface ResultStart {
  header: QueryHeader;
  columns: QueryColumn[];
  /** pieces of the body after the header, batch by batch */
  batches: AsyncGenerator<Array<RawPiece | RowRun>>;
  /** `runs`: hand out whole row lines as RowRuns from now on (when the splitter can) */
  mode: { runs: boolean };
  /** what was left of the header's batch */
  rest: RawPiece[];
  context: KsqlErrorContext;
}

async function readStart(body: ResponseBody, splitter: BodySplitter, context: KsqlErrorContext, guard: (error: unknown) => unknown): Promise<ResultStart> {
  const bodyContext: KsqlErrorContext = { ...context, phase: 'body' };
  const mode = { runs: false };
  const batches = readPieceBatches(body, splitter, mode, bodyContext);
  try {
    const { header, rest } = await readHeader(batches, bodyContext);
    const columns = header.columnNames.map((name, i) => ({ name, type: parseColumnType(header.columnTypes[i]!, bodyContext) }));
    return { header, columns, batches, mode, rest, context: bodyContext };
  } catch (error) {
    body.close();
    throw guard(error);
  }
}

async function* readPieceBatches(body: ResponseBody, splitter: BodySplitter, mode: { runs: boolean }, context: KsqlErrorContext): AsyncGenerator<Array<RawPiece | RowRun>> {
  for await (const chunk of body) {
    const pieces = mode.runs && splitter.pushRuns ? splitter.pushRuns(chunk) : splitter.push(chunk);
    if (pieces.length > 0) yield pieces;
  }
  if (body.cancelled) return;
  const end = splitter.finish();
  if (end.pieces.length > 0) yield end.pieces;
  if (end.cutOff !== null) throw new KsqlTruncatedResponseError(context, end.cutOff);
}

async function readHeader(batches: AsyncGenerator<Array<RawPiece | RowRun>>, context: KsqlErrorContext): Promise<{ header: QueryHeader; rest: RawPiece[] }> {
  for (;;) {
    const next = await batches.next();
    if (next.done) throw new KsqlTruncatedResponseError(context, 'response ended before its header');
    const pieces = textPieces(next.value);
    for (const [i, piece] of pieces.entries()) {
      const element = classifyQueryElement(piece);
      if (element.kind === 'header') return { header: element.header, rest: pieces.slice(i + 1) };
      if (element.kind === 'token') continue;
      if (element.kind === 'error') throw classifyKsqlError(element.envelope, context);
      const why = element.kind === 'malformed' ? element.reason : 'a row';
      throw new KsqlProtocolError(context, `response does not start with a header (${why}): ${preview(element.raw)}`);
    }
  }
}

/** Pieces after the header, batch by batch, starting with the rest of the header's batch. */
async function* piecesAfterHeader(start: ResultStart, body: ResponseBody): AsyncGenerator<Array<RawPiece | RowRun>> {
  if (start.rest.length > 0) yield start.rest;
  for (;;) {
    const next = await start.batches.next();
    // After cancel() the chunk already split may still hold rows: the caller wants none of them.
    if (next.done || body.cancelled) return;
    yield next.value;
  }
}

async function* readRows(start: ResultStart, body: ResponseBody, guard: (error: unknown) => unknown): AsyncGenerator<QueryRow> {
  const width = start.columns.length;
  try {
    for await (const pieces of piecesAfterHeader(start, body)) {
      for (const piece of textPieces(pieces)) {
        if (body.cancelled) return;
        const row = toQueryRow(classifyQueryElement(piece), width, start.context);
        if (row) yield row;
      }
    }
  } catch (error) {
    throw guard(error);
  } finally {
    body.close();
  }
}

async function* readRawBatches(start: ResultStart, body: ResponseBody, guard: (error: unknown) => unknown): AsyncGenerator<RawQueryRow[]> {
  const width = start.columns.length;
  try {
    for await (const pieces of piecesAfterHeader(start, body)) {
      const rows: RawQueryRow[] = [];
      for (const piece of pieces) {
        if ('rows' in piece) {
          rows.push({ kind: 'rows', bytes: piece.rows, count: piece.count });
          continue;
        }
        // A row is left unparsed; anything else (rare) is classified as the decoded mode would.
        if (piece.malformedReason === undefined && piece.text.charCodeAt(0) === OPEN_ARRAY) {
          rows.push({ kind: 'line', text: piece.text });
          continue;
        }
        const row = toQueryRow(classifyQueryElement(piece), width, start.context);
        if (row) rows.push(row.kind === 'row' ? { kind: 'line', text: piece.text } : row);
      }
      if (body.cancelled) return;
      if (rows.length > 0) yield rows;
    }
  } catch (error) {
    throw guard(error);
  } finally {
    body.close();
  }
}

/** A batch read in text mode (runs are only asked for after the header, by the raw mode). */
function textPieces(batch: Array<RawPiece | RowRun>): RawPiece[] {
  if (batch.some((piece) => 'rows' in piece)) throw new Error('row runs reached a reader of text pieces');
  return batch as RawPiece[];
}

/** What one element after the header means for the caller: a row, a malformed row, nothing (a token); an error object throws. */
function toQueryRow(element: QueryElement, width: number, context: KsqlErrorContext): QueryRow | null {
  switch (element.kind) {
    case 'row':
      return element.values.length === width
        ? { kind: 'row', values: element.values }
        : { kind: 'malformed', raw: element.raw, reason: `${element.values.length} values for ${width} columns` };
    case 'malformed':
      return { kind: 'malformed', raw: element.raw, reason: element.reason };
    case 'header':
      return { kind: 'malformed', raw: element.raw, reason: 'a second header in the middle of the rows' };
    case 'error':
      throw classifyKsqlError(element.envelope, context);
    case 'token':
      return null;
  }
}

function parseColumnType(text: string, context: KsqlErrorContext): KsqlType {
  try {
    return parseKsqlType(text);
  } catch (error) {
    throw new KsqlProtocolError(context, `header column type not understood: ${(error as Error).message}`, { cause: error });
  }
}

function preview(raw: string): string {
  return raw.length > PREVIEW_CHARS ? `${raw.slice(0, PREVIEW_CHARS)}…` : raw;
}
