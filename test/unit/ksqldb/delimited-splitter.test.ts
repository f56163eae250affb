import { describe, expect, it } from 'vitest';
import type { RawPiece, RowRun } from '../../../ksqldb/body-splitter.js';
import { DelimitedSplitter } from '../../../ksqldb/delimited-splitter.js';
import { chunksOf, fixture } from './support/fixtures.js';

function split(chunks: Buffer[], splitter = new DelimitedSplitter()): { pieces: RawPiece[]; cutOff: string | null } {
  const pieces = chunks.flatMap((chunk) => splitter.push(chunk));
  const end = splitter.finish();
  return { pieces: [...pieces, ...end.pieces], cutOff: end.cutOff };
}

describe('DelimitedSplitter', () => {
  it('cuts the recorded pull body into its header and row lines', () => {
    const { pieces, cutOff } = split([fixture('pull-default-mime.delimited.txt')]);
    expect(pieces.map((p) => p.text)).toEqual([
      '{"queryId":"XYZ","columnNames":["COUNT","USERID"],"columnTypes":["BIGINT","STRING"]}',
      '[1,"USER_0"]',
      '[1,"USER_1"]',
    ]);
    expect(cutOff).toBeNull();
  });

  it.each([
    'pull-default-mime.delimited.txt',
    'push-mid-stream-error.delimited.txt',
    'stream-pull-transaction-stream.delimited.txt',
    'tokens-and-malformed.delimited.txt',
  ])('gives the same lines whatever the chunk boundaries (%s)', (name) => {
    const body = fixture(name);
    const whole = split([body]);
    expect(split(chunksOf(body, 1))).toEqual(whole);
    for (let at = 1; at < body.length; at++) {
      expect(split([body.subarray(0, at), body.subarray(at)])).toEqual(whole);
    }
  });

  it('keeps a UTF-8 character whole when a chunk ends inside it', () => {
    const body = Buffer.from('["Zürich €"]\n', 'utf8');
    expect(split(chunksOf(body, 1)).pieces.map((p) => p.text)).toEqual(['["Zürich €"]']);
  });

  it('reports a body that ends mid-line as cut off', () => {
    const { pieces, cutOff } = split([Buffer.from('{"columnNames":[],"columnTypes":[]}\n[1,"USER_0"]\n[1,"US')]);
    expect(pieces).toHaveLength(2);
    expect(cutOff).toMatch(/ended mid-line/);
  });

  it('reports a complete last line that lacks its newline as cut off too', () => {
    expect(split([Buffer.from('[1]\n[2]')]).cutOff).toMatch(/mid-line/);
  });

  it('skips blank keep-alive lines and tolerates CRLF', () => {
    const { pieces, cutOff } = split([Buffer.from('\n[1]\r\n\n  \n[2]\n')]);
    expect(pieces.map((p) => p.text)).toEqual(['[1]', '[2]']);
    expect(cutOff).toBeNull();
  });

  it('sets an oversized line aside with a preview and goes on', () => {
    const big = `["${'x'.repeat(10_000)}"]`;
    const { pieces } = split(chunksOf(Buffer.from(`[1]\n${big}\n[2]\n`), 700), new DelimitedSplitter(1_000));
    expect(pieces.map((p) => p.malformedReason === undefined)).toEqual([true, false, true]);
    expect(pieces[1]!.malformedReason).toMatch(/larger than 1000 bytes/);
    expect(pieces[1]!.text.length).toBeLessThanOrEqual(4096);
    expect(pieces[2]!.text).toBe('[2]');
  });

  describe('row runs (pushRuns)', () => {
    /** Each run's rows as their own text lines, so the result compares with `push`'s pieces. */
    function splitRuns(chunks: Buffer[], splitter = new DelimitedSplitter()): { pieces: RawPiece[]; runs: number } {
      let runs = 0;
      const asText = (piece: RawPiece | RowRun): RawPiece[] => {
        if (!('rows' in piece)) return [piece];
        runs++;
        const lines = piece.rows.toString('utf8').split('\n');
        expect(lines.pop()).toBe(''); // every row of a run ends with its newline
        expect(lines).toHaveLength(piece.count);
        return lines.map((text) => ({ text }));
      };
      const pieces = chunks.flatMap((chunk) => splitter.pushRuns(chunk).flatMap(asText));
      return { pieces: [...pieces, ...splitter.finish().pieces], runs };
    }

    it.each(['push-mid-stream-error.delimited.txt', 'stream-pull-transaction-stream.delimited.txt', 'tokens-and-malformed.delimited.txt'])(
      'gives the same lines as push, in order, whatever the chunk boundaries (%s)',
      (name) => {
        const body = fixture(name);
        const whole = split([body]).pieces;
        expect(splitRuns([body]).pieces).toEqual(whole);
        for (let at = 1; at < body.length; at++) expect(splitRuns([body.subarray(0, at), body.subarray(at)]).pieces).toEqual(whole);
      },
    );

    it('keeps whole row lines as bytes, and hands out the rest as text: a line begun in an earlier chunk, CRLF, a non-row, an oversized row', () => {
      const splitter = new DelimitedSplitter(20);
      const first = splitter.pushRuns(Buffer.from('[1,"a"]\n[2,"b"]\n{"error"}\n[3]\r\n[4,"xxxxxxxxxxxxxxxxxxxxxxxx"]\n[5,'));
      expect(first.map((p) => ('rows' in p ? `run:${p.count}:${p.rows.toString()}` : `text:${p.text}`))).toEqual([
        'run:2:[1,"a"]\n[2,"b"]\n',
        'text:{"error"}',
        'text:[3]',
        expect.stringMatching(/^text:\[4,"x+/),
      ]);
      expect((first[3] as RawPiece).malformedReason).toMatch(/larger than 20 bytes/);
      expect(splitter.pushRuns(Buffer.from('"c"]\n[6]\n')).map((p) => ('rows' in p ? `run:${p.count}` : `text:${p.text}`))).toEqual(['text:[5,"c"]', 'run:1']);
      expect(splitRuns([fixture('stream-pull-transaction-stream.delimited.txt')]).runs).toBeGreaterThan(0);
    });
  });
});
