/**
 * Turns a 200 /query-stream response into a QueryResult: reads up to the header, then hands out
 * rows one by one as the caller pulls them (the body is never read ahead of the caller, so memory
 * does not grow with the result). Bad lines become `malformed` rows for the caller to quarantine;
 * an error object in the stream and a cut-off body are errors, never the end of a result.
 */
import type { BodySplitter } from './body-splitter.js';
import { classifyKsqlError } from './classify-ksql-error.js';
import { type KsqlErrorContext, KsqlProtocolError, KsqlTruncatedResponseError } from './errors.js';
import { type KsqlType, parseKsqlType } from './ksql-type.js';
import { classifyQueryElement, type QueryElement, type QueryHeader } from './query-element.js';
import type { ResponseBody } from './response-body.js';

/** A row as lossless-json parsed it, or a line/element set aside with the reason. */
export type QueryRow = { kind: 'row'; values: unknown[] } | { kind: 'malformed'; raw: string; reason: string };

export interface QueryColumn {
  name: string;
  type: KsqlType;
}

export interface QueryResult {
  header: QueryHeader;
  /** The header's columns with their types parsed. */
  columns: QueryColumn[];
  /** Single-use; pulling drives the network read. Throws on a mid-stream error or truncation. */
  rows: AsyncIterable<QueryRow>;
  /** Stops reading and closes the request (the server then closes a push query). */
  cancel(): void;
}

const PREVIEW_CHARS = 200;

/** Reads the header of a 200 response; rejects if the body ends, errs or starts with something else. */
export async function readQueryResult(
  body: ResponseBody,
  splitter: BodySplitter,
  context: KsqlErrorContext,
  guard: (error: unknown) => unknown,
): Promise<QueryResult> {
  const bodyContext: KsqlErrorContext = { ...context, phase: 'body' };
  const elements = readElements(body, splitter, bodyContext);
  let header: QueryHeader;
  let columns: QueryColumn[];
  try {
    header = await readHeader(elements, bodyContext);
    columns = header.columnNames.map((name, i) => ({ name, type: parseColumnType(header.columnTypes[i]!, bodyContext) }));
  } catch (error) {
    body.close();
    throw guard(error);
  }
  const rows = readRows(elements, body, columns.length, bodyContext, guard);
  return { header, columns, rows: { [Symbol.asyncIterator]: () => rows }, cancel: () => body.close() };
}

async function* readElements(body: ResponseBody, splitter: BodySplitter, context: KsqlErrorContext) {
  for await (const chunk of body) {
    for (const piece of splitter.push(chunk)) yield classifyQueryElement(piece);
  }
  if (body.cancelled) return;
  const end = splitter.finish();
  for (const piece of end.pieces) yield classifyQueryElement(piece);
  if (end.cutOff !== null) throw new KsqlTruncatedResponseError(context, end.cutOff);
}

async function readHeader(elements: AsyncGenerator<QueryElement>, context: KsqlErrorContext): Promise<QueryHeader> {
  for (;;) {
    const next = await elements.next();
    if (next.done) throw new KsqlTruncatedResponseError(context, 'response ended before its header');
    const element = next.value;
    if (element.kind === 'header') return element.header;
    if (element.kind === 'token') continue;
    if (element.kind === 'error') throw classifyKsqlError(element.envelope, context);
    const why = element.kind === 'malformed' ? element.reason : 'a row';
    throw new KsqlProtocolError(context, `response does not start with a header (${why}): ${preview(element.raw)}`);
  }
}

async function* readRows(
  elements: AsyncGenerator<QueryElement>,
  body: ResponseBody,
  width: number,
  context: KsqlErrorContext,
  guard: (error: unknown) => unknown,
): AsyncGenerator<QueryRow> {
  try {
    for (;;) {
      const next = await elements.next();
      // After cancel() the chunk already split may still hold rows: the caller wants none of them.
      if (next.done || body.cancelled) return;
      const element = next.value;
      switch (element.kind) {
        case 'row':
          yield element.values.length === width
            ? { kind: 'row', values: element.values }
            : { kind: 'malformed', raw: element.raw, reason: `${element.values.length} values for ${width} columns` };
          break;
        case 'malformed':
          yield { kind: 'malformed', raw: element.raw, reason: element.reason };
          break;
        case 'header':
          yield { kind: 'malformed', raw: element.raw, reason: 'a second header in the middle of the rows' };
          break;
        case 'error':
          throw classifyKsqlError(element.envelope, context);
        case 'token':
          break;
      }
    }
  } catch (error) {
    throw guard(error);
  } finally {
    body.close();
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
