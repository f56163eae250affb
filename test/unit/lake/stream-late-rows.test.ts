import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { streamFeedSchema } from '../../../config/feed-schema.js';
import { slotRange } from '../../../config/slot-range.js';
import { feedFileKey, Lake, type SourceLine, type SourceLines } from '../../../lake/index.js';
import { STREAM_COLUMNS } from '../../helpers/lake-fixtures.js';
import { tempDirPerTest } from '../../helpers/temp-dir.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-24T00:00:00Z');
const feed = streamFeedSchema.parse({ id: 'late', kind: 'stream', source: 'LATE', slot: '1h' });
const range = slotRange(feed, new Date(T0).toISOString(), new Date(T0 + 6 * HOUR).toISOString());
const line = (ms: number, id: string): SourceLine => ({ kind: 'line', text: `[${ms},"${id}",1.5,[{"SKU":"s-${id}","QTY":2}]]` });

function linesIn(batches: SourceLine[][]): SourceLines {
  async function* all(): AsyncGenerator<SourceLine[]> {
    yield* batches;
  }
  return { batches: all(), decode: (text) => ({ kind: 'row', values: parse(text) as unknown[] }) };
}

describe('stream slots written while rows still arrive', () => {
  const tmp = tempDirPerTest('ksql-etl-late-rows-');

  it('a row for a slot already handed to DuckDB lands in that slot file, after its earlier rows, with the checksum of the rows in order', async () => {
    const first = [line(T0 + 1, 'a'), line(T0 + 2, 'b')];
    const later = [line(T0 + 4 * HOUR, 'x')]; // moves the stream 4 slots on: slot 0 is sealed and written
    const late = [line(T0 + 3, 'c'), { kind: 'line' as const, text: `[${T0 + 5},"d",1.0,[{"SKU":"s-d","QTY":2}]]` }]; // two late rows, one with a number written differently
    const inOrder = await Lake.open(join(tmp.path, 'in-order'));
    const outOfOrder = await Lake.open(join(tmp.path, 'out-of-order'));
    try {
      const reference = await inOrder.writeStreamSlots({ feed, range, columns: STREAM_COLUMNS, rows: linesIn([[...first, ...late, ...later]]), runId: 'r1' });
      const written = await outOfOrder.writeStreamSlots({ feed, range, columns: STREAM_COLUMNS, rows: linesIn([first, later, late]), runId: 'r1' });
      expect(written.slots.map((s) => s.rows)).toEqual([4, 0, 0, 0, 1, 0]);
      expect(written.quarantined).toBe(0);
      const slot0 = (lake: Lake) => lake.describeFeed('late').then((m) => (m?.kind === 'stream' ? m.slots[new Date(T0).toISOString()] : undefined));
      expect((await slot0(outOfOrder))?.checksum).toBe((await slot0(inOrder))?.checksum);
      expect(reference.rows).toBe(5);
      const duckdb = await DuckDBInstance.create(':memory:');
      const connection = await duckdb.connect();
      try {
        const ids = (await connection.runAndReadAll(`SELECT id FROM read_parquet('${join(tmp.path, 'out-of-order', feedFileKey('stream', 'late', written.files[0]!))}')`)).getRows().map((r) => r[0]);
        expect(ids).toEqual(['a', 'b', 'c', 'd']);
      } finally {
        connection.closeSync();
        duckdb.closeSync();
      }
    } finally {
      inOrder.close();
      outOfOrder.close();
    }
  });
});
