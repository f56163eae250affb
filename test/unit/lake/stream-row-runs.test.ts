import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { streamFeedSchema } from '../../../config/feed-schema.js';
import { slotRange } from '../../../config/slot-range.js';
import { feedFileKey, Lake, type SourceLine, type SourceLines, type SourceRow } from '../../../lake/index.js';
import { STREAM_COLUMNS } from '../../helpers/lake-fixtures.js';
import { tempDirPerTest } from '../../helpers/temp-dir.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-24T00:00:00Z');
const feed = streamFeedSchema.parse({ id: 'runs', kind: 'stream', source: 'RUNS', slot: '1h', quarantine: { maxRatio: 1 } });
const range = slotRange(feed, new Date(T0).toISOString(), new Date(T0 + 2 * HOUR).toISOString());
const row = (ms: number | string, id: string, amount = '1.5'): string => `[${ms},"${id}",${amount},[{"SKU":"s-${id}","QTY":2}]]`;

/** Rows as the ksqlDB client's delimited fast path hands them out: whole lines as bytes, in runs. */
function runsOf(...runs: string[][]): SourceLines {
  async function* batches(): AsyncGenerator<SourceLine[]> {
    yield runs.map((lines) => ({ kind: 'rows', bytes: Buffer.from(lines.map((l) => `${l}\n`).join('')), count: lines.length }));
    // A row as text with JSON whitespace in it (the JSON format may send one): it cannot be staged as one line.
    yield [{ kind: 'line', text: row(T0 + 5, 'e').replace(',', ',\n  ') }];
  }
  // As the client decodes a row: what does not parse is malformed, with the reason.
  const decode = (text: string): SourceRow => {
    try {
      return { kind: 'row', values: parse(text) as unknown[] };
    } catch (err) {
      return { kind: 'malformed', raw: text, reason: `not valid JSON: ${(err as Error).message}` };
    }
  };
  return { batches: batches(), decode };
}

describe('stream rows handed over as bytes (row runs)', () => {
  const tmp = tempDirPerTest('ksql-etl-row-runs-');

  it('routes each row of a run to its slot without decoding it, sets bad ones aside with their reason, in arrival order, and sends a text row with a raw newline through the encoder', async () => {
    const lake = await Lake.open(join(tmp.path, 'lake'));
    try {
      const written = await lake.writeStreamSlots({
        feed,
        range,
        columns: STREAM_COLUMNS,
        rows: runsOf(
          [row(T0 + 1, 'a'), row(T0 + HOUR + 1, 'b'), row(T0 + 2, 'bad\u0001byte'), row(T0 + 3, 'c', '"abc"')],
          [row(T0 - 1, 'early'), row('"x"', 'no-rowtime'), row(T0 + 4, 'd'), row(T0 + HOUR + 2, 'é-utf8')],
        ),
        runId: 'r',
      });
      expect(written.slots.map((s) => s.rows)).toEqual([3, 2]);
      expect(written.quarantined).toBe(4);
      const quarantined = (await readFile(join(tmp.path, 'lake', written.quarantineFile!), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { reason: string; raw: string });
      expect(quarantined.map((q) => q.reason)).toEqual([
        expect.stringMatching(/JSON/),
        'column AMOUNT: expected DOUBLE, got string "abc"',
        'ROWTIME 2026-11-23T23:59:59.999Z is outside the requested range',
        expect.stringMatching(/ROWTIME/),
      ]);
      expect(quarantined[0]!.raw).toContain('bad\u0001byte');
      const duckdb = await DuckDBInstance.create(':memory:');
      const connection = await duckdb.connect();
      try {
        const ids = async (file: string) =>
          (await connection.runAndReadAll(`SELECT id FROM read_parquet('${join(tmp.path, 'lake', feedFileKey('stream', 'runs', file))}')`)).getRows().map((r) => r[0]);
        expect(await ids(written.files[0]!)).toEqual(['a', 'd', 'e']);
        expect(await ids(written.files[1]!)).toEqual(['b', 'é-utf8']);
      } finally {
        connection.closeSync();
        duckdb.closeSync();
      }
    } finally {
      lake.close();
    }
  });
});
