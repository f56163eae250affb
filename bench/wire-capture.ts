import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { request } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { SourceLine, SourceLines } from '../lake/index.js';
import { parse } from 'lossless-json';
import { DelimitedSplitter } from '../ksqldb/delimited-splitter.js';

/** The stream export's query for one range, as the activity sends it. */
export function rangeQuery(source: string, startMs: number, endMs: number): string {
  return `SELECT ROWTIME, * FROM ${source} WHERE ROWTIME >= ${startMs} AND ROWTIME < ${endMs};`;
}

/**
 * The raw transfer: POST /query-stream (delimited) and the body straight into a file, no parsing.
 * What the wire alone costs, the baseline of the end-to-end figure. Returns seconds taken.
 */
export async function captureWire(baseUrl: string, sql: string, file: string): Promise<number> {
  const began = performance.now();
  const req = request(`${baseUrl}/query-stream`, {
    method: 'POST',
    headers: { accept: 'application/vnd.ksqlapi.delimited.v1', 'content-type': 'application/json' },
  });
  req.end(JSON.stringify({ sql, properties: {} }));
  const [res] = (await once(req, 'response')) as [import('node:http').IncomingMessage];
  if (res.statusCode !== 200) throw new Error(`/query-stream answered ${res.statusCode}`);
  await pipeline(res, createWriteStream(file));
  return (performance.now() - began) / 1000;
}

/**
 * A captured delimited body as the lake's input, the way the client's raw-lines mode hands it out:
 * the header line is left out, rows come in batches, whole lines as bytes (row runs), unparsed.
 */
export function capturedLines(file: string): SourceLines {
  async function* batches(): AsyncGenerator<SourceLine[]> {
    const splitter = new DelimitedSplitter();
    let header = true;
    for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
      const pieces = splitter.pushRuns(chunk as Buffer);
      if (header && pieces.length > 0 && 'text' in pieces[0]!) {
        pieces.shift();
        header = false;
      }
      yield pieces.map((piece) => ('rows' in piece ? { kind: 'rows', bytes: piece.rows, count: piece.count } : { kind: 'line', text: piece.text }));
    }
  }
  return { batches: batches(), decode: (text) => ({ kind: 'row', values: parse(text) as unknown[] }) };
}
