import { describe, expect, it } from 'vitest';
import type { RawPiece } from '../../../ksqldb/body-splitter.js';
import { JsonArraySplitter } from '../../../ksqldb/json-array-splitter.js';
import { chunksOf, fixture } from './support/fixtures.js';

function split(chunks: Buffer[], splitter = new JsonArraySplitter()): { pieces: RawPiece[]; cutOff: string | null } {
  const pieces = chunks.flatMap((chunk) => splitter.push(chunk));
  const end = splitter.finish();
  return { pieces: [...pieces, ...end.pieces], cutOff: end.cutOff };
}

const texts = (pieces: RawPiece[]): string[] => pieces.map((p) => p.text);

describe('JsonArraySplitter', () => {
  it('cuts the recorded JSON-format body into its top-level elements', () => {
    const { pieces, cutOff } = split([fixture('pull-user-transaction-count.json.txt')]);
    expect(texts(pieces)).toEqual([
      '{"queryId":"query_1714560000123","columnNames":["USER_ID","TRANSACTION_COUNT"],"columnTypes":["STRING","BIGINT"]}',
      '["user-42",3]',
      '["user-7",1]',
    ]);
    expect(cutOff).toBeNull();
  });

  it('tracks strings and escapes, and still finds the boundaries of broken elements', () => {
    const { pieces, cutOff } = split([fixture('tokens-and-malformed.json.txt')]);
    expect(texts(pieces)).toEqual([
      '{"queryId":"q","columnNames":["K","V"],"columnTypes":["STRING","STRING"]}',
      '["a","x,]}"]',
      '{"consistencyToken":"Y29u"}',
      '["b",tru]',
      '42',
      '["c","say \\"hi\\" [ok]"]',
      '["d","\\\\"]',
    ]);
    expect(cutOff).toBeNull();
  });

  it.each(['pull-user-transaction-count.json.txt', 'push-mid-stream-error.json.txt', 'tokens-and-malformed.json.txt'])(
    'gives the same elements whatever the chunk boundaries (%s)',
    (name) => {
      const body = fixture(name);
      const whole = split([body]);
      expect(split(chunksOf(body, 1))).toEqual(whole);
      for (let at = 1; at < body.length; at++) {
        expect(split([body.subarray(0, at), body.subarray(at)])).toEqual(whole);
      }
    },
  );

  it('resynchronises after a row whose write broke off after a comma (brackets never closed)', () => {
    const body = Buffer.from('[{"columnNames":["A","B"]},[1,"a"],[2,"b",,[3,"c"],[4,{"K":,[5,"e"],[,[6,"f"]]');
    const whole = split([body]);
    expect(texts(whole.pieces)).toEqual(['{"columnNames":["A","B"]}', '[1,"a"]', '[2,"b",', '[3,"c"]', '[4,{"K":', '[5,"e"]', '[', '[6,"f"]']);
    expect(whole.cutOff).toBeNull();
    expect(split(chunksOf(body, 1))).toEqual(whole);
  });

  it('does not resynchronise on commas inside strings', () => {
    expect(texts(split([Buffer.from('[["a,,b","[,"],[2]]')]).pieces)).toEqual(['["a,,b","[,"]', '[2]']);
  });

  it('tolerates whitespace and newlines between elements (StreamedRow-style framing)', () => {
    const { pieces, cutOff } = split([Buffer.from(' [ {"columnNames":[]} ,\n[1] ,\n[2]\n]\n')]);
    expect(texts(pieces)).toEqual(['{"columnNames":[]}', '[1]', '[2]']);
    expect(cutOff).toBeNull();
  });

  it('reports a body without its closing ] as cut off, even after a complete element', () => {
    const body = fixture('pull-user-transaction-count.json.txt');
    const { pieces, cutOff } = split([body.subarray(0, body.length - 1)]);
    expect(texts(pieces)).toHaveLength(2); // the last row has no `,` or `]` yet: never emitted
    expect(cutOff).toBe('JSON array ended without its closing ] (last element cut off)');
    expect(split([Buffer.from('[{"columnNames":[]},[1],')]).cutOff).toBe('JSON array ended without its closing ]');
    expect(split([Buffer.from('')]).cutOff).toMatch(/before its opening \[/);
  });

  it('sets aside bytes after the closing ] and a body that is not an array', () => {
    expect(split([Buffer.from('[[1]] junk')]).pieces).toEqual([
      { text: '[1]' },
      { text: 'junk', malformedReason: 'bytes outside the top-level JSON array' },
    ]);
    const notArray = split([Buffer.from('{"columnNames":["A"],"columnTypes":["INTEGER"]}\n[1]\n')]);
    expect(notArray.pieces).toHaveLength(1);
    expect(notArray.pieces[0]!.malformedReason).toMatch(/outside the top-level JSON array/);
  });

  it('sets an oversized element aside and keeps splitting after it', () => {
    const body = Buffer.from(`[[1],["${'y'.repeat(5_000)}"],[2]]`);
    const { pieces, cutOff } = split(chunksOf(body, 333), new JsonArraySplitter(1_000));
    expect(pieces.map((p) => p.malformedReason === undefined)).toEqual([true, false, true]);
    expect(pieces[2]!.text).toBe('[2]');
    expect(cutOff).toBeNull();
  });
});
