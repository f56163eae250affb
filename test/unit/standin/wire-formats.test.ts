import { describe, expect, it } from 'vitest';
import { negotiate, type NegotiationOptions } from '../../../standin/wire/media-types.js';
import { createQueryWriter, type QueryHeader } from '../../../standin/wire/query-writer.js';
import type { OutputFormat } from '../../../standin/wire/media-types.js';

const queryStream: NegotiationOptions = { defaultFormat: 'delimited', streamedRowAvailable: true, jsonMeansStreamedRow: false };

describe('negotiate (Accept → writer, as the Vert.x route picks it)', () => {
  it.each([
    [undefined, 'delimited'], ['', 'delimited'], ['*/*', 'delimited'], ['application/*', 'delimited'],
    ['application/vnd.ksqlapi.delimited.v1', 'delimited'], ['application/json', 'json'],
    ['application/vnd.ksql.v1+json', 'streamed-row'], ['application/vnd.ksql.v1+json; charset=utf-8', 'streamed-row'],
    ['text/html, application/json;q=0.5', 'json'], ['text/csv', null], ['application/vnd.ksql.v1+protobuf', null],
  ])('%s → %s', (accept, expected) => {
    expect(negotiate(accept, queryStream)).toBe(expected);
  });

  it('has no StreamedRow on old /query-stream, and StreamedRow by default on /query', () => {
    expect(negotiate('application/vnd.ksql.v1+json', { ...queryStream, streamedRowAvailable: false })).toBeNull();
    const legacy: NegotiationOptions = { defaultFormat: 'streamed-row', streamedRowAvailable: true, jsonMeansStreamedRow: true };
    expect(negotiate(undefined, legacy)).toBe('streamed-row');
    expect(negotiate('application/json', legacy)).toBe('streamed-row');
    expect(negotiate('*/*', legacy)).toBe('delimited');
  });
});

const header: QueryHeader = { queryId: 'Q', columnNames: ['A', 'B'], columnTypes: ['STRING', 'DOUBLE'], schema: '`A` STRING KEY, `B` DOUBLE' };

async function render(format: OutputFormat, mode: 'buffered' | 'streaming', rows: string[],
  ending: 'limit' | 'complete' | 'error'): Promise<string> {
  let out = '';
  const writer = createQueryWriter(format, mode, async (chunk) => { out += chunk; });
  await writer.header(header);
  for (const row of rows) await writer.row(row);
  if (ending === 'error') await writer.error({ '@type': 'generic_error', error_code: 50000, message: 'boom' });
  else await writer.end(ending);
  return out;
}

describe('query writers (byte layout)', () => {
  const head = '{"queryId":"Q","columnNames":["A","B"],"columnTypes":["STRING","DOUBLE"]}';
  const err = '{"@type":"generic_error","error_code":50000,"message":"boom"}';

  it('delimited: one line each, no trailer, error as a last line', async () => {
    expect(await render('delimited', 'streaming', ['["a",1.0]', '["b",2.5]'], 'complete')).toBe(`${head}\n["a",1.0]\n["b",2.5]\n`);
    expect(await render('delimited', 'buffered', ['["a",1.0]'], 'error')).toBe(`${head}\n["a",1.0]\n${err}\n`);
  });

  it('json: one array, no newlines', async () => {
    expect(await render('json', 'buffered', ['["a",1.0]', '["b",2.5]'], 'complete')).toBe(`[${head},["a",1.0],["b",2.5]]`);
    expect(await render('json', 'buffered', [], 'complete')).toBe(`[${head}]`);
    expect(await render('json', 'streaming', ['["a",1.0]'], 'error')).toBe(`[${head},["a",1.0],${err}]`);
  });

  it('StreamedRow buffered (table pull): elements joined by ",\\n", no final message', async () => {
    expect(await render('streamed-row', 'buffered', ['["a",1.0]'], 'complete'))
      .toBe('[{"header":{"queryId":"Q","schema":"`A` STRING KEY, `B` DOUBLE"}},\n{"row":{"columns":["a",1.0]}}]');
    expect(await render('streamed-row', 'buffered', [], 'complete'))
      .toBe('[{"header":{"queryId":"Q","schema":"`A` STRING KEY, `B` DOUBLE"}}]');
  });

  it('StreamedRow streaming (push / stream pull): trailing ",\\n" and a final message', async () => {
    const h = '[{"header":{"queryId":"Q","schema":"`A` STRING KEY, `B` DOUBLE"}},\n';
    expect(await render('streamed-row', 'streaming', ['["a",1.0]'], 'complete'))
      .toBe(`${h}{"row":{"columns":["a",1.0]}},\n{"finalMessage":"Query Completed"}]`);
    expect(await render('streamed-row', 'streaming', ['["a",1.0]'], 'limit'))
      .toBe(`${h}{"row":{"columns":["a",1.0]}},\n{"finalMessage":"Limit Reached"}]`);
    expect(await render('streamed-row', 'streaming', [], 'error')).toBe(`${h}{"errorMessage":${err}},\n]`);
  });
});
