import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { streamFeedSchema } from '../../config/feed-schema.js';
import { slotRange } from '../../config/slot-range.js';
import { parseKsqlType } from '../../ksqldb/ksql-type.js';
import { Lake, type SourceLine, type SourceLines, toStreamColumns } from '../../lake/index.js';
import { tempDirPerTest } from '../helpers/temp-dir.js';

const DAY = '2026-11-24T00:00:00Z';
const NEXT_DAY = '2026-11-25T00:00:00Z';
const COLUMNS = toStreamColumns([
  { name: 'ROWTIME', type: parseKsqlType('BIGINT') },
  { name: 'PAYLOAD', type: parseKsqlType('STRING') },
]);
// One 20 MB slot per write, incompressible: a COPY of it needs most of a 160 MB cap, four at once far more.
const ROWS = 20_000;
const PAYLOAD_CHARS = 1000;
const MEMORY_LIMIT = '160MB';

/** `ROWS` wire lines of one day, each with a random payload, in batches as the ksqlDB client hands them out. */
function wideLines(): SourceLines {
  const startMs = Date.parse(DAY);
  async function* batches(): AsyncGenerator<SourceLine[]> {
    for (let i = 0; i < ROWS; i += 1000) {
      yield Array.from({ length: 1000 }, (_, j) => ({ kind: 'line', text: `[${startMs + i + j},"${randomBytes(PAYLOAD_CHARS / 2).toString('hex')}"]` }));
    }
  }
  return { batches: batches(), decode: (text) => ({ kind: 'row', values: parse(text) as unknown[] }) };
}

/** Four stream writes at once through one lake (one DuckDB, one memory cap), as four activities of one worker run them. */
async function fourWrites(lake: Lake): Promise<Array<PromiseSettledResult<number>>> {
  return Promise.allSettled(
    [0, 1, 2, 3].map(async (i) => {
      const feed = streamFeedSchema.parse({ id: `wide_${i}`, kind: 'stream', source: 'WIDE', slot: '1d' });
      const written = await lake.writeStreamSlots({ feed, range: slotRange(feed, DAY, NEXT_DAY), columns: COLUMNS, rows: wideLines(), runId: `run-${i}` });
      return written.rows;
    }),
  );
}

describe('concurrent stream writes in one process', () => {
  const tmp = tempDirPerTest('ksql-etl-lake-memory-');

  it('four memory-heavy writes sharing one DuckDB cap all succeed at the first attempt (at the default DUCKDB_CONCURRENT_WRITES of 2)', async () => {
    const lake = await Lake.open(join(tmp.path, 'lake'), { duckdb: { memoryLimit: MEMORY_LIMIT } });
    try {
      const results = await fourWrites(lake);
      expect(results).toEqual(Array.from({ length: 4 }, () => ({ status: 'fulfilled', value: ROWS })));
    } finally {
      lake.close();
    }
  });

  it('the same four writes let into DuckDB at once run out of its memory (what the gate prevents)', async () => {
    const lake = await Lake.open(join(tmp.path, 'lake'), { duckdb: { memoryLimit: MEMORY_LIMIT, concurrentWrites: 4 } });
    try {
      const failures = (await fourWrites(lake)).flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
      expect(failures.length).toBeGreaterThan(0);
      expect(failures[0]).toMatch(/Out of Memory/);
    } finally {
      lake.close();
    }
  });
});
