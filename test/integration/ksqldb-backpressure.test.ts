import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// The in-process fake ksqlDB of the client's unit tests: this file needs no service either, but
// streams 4 × 43 MiB through real sockets (20+ s of CPU), too slow for the quick `test:unit` loop.
import { clientFor, closeClients, FORMATS, PROTOCOLS } from '../unit/ksqldb/support/client-helpers.js';
import { type FakeKsqlDb, endStream, sleep, startFakeKsqlDb, startStream } from '../unit/ksqldb/support/fake-ksqldb.js';

const ROWS = 200_000;
const PAD = 'x'.repeat(200);
const HEADER = { queryId: 'transient_T_1', columnNames: ['N', 'PAD'], columnTypes: ['BIGINT', 'STRING'] };
/** Every row has the same byte length, so bytes consumed = rows consumed × ROW_BYTES. */
const row = (n: number): string => `[${10_000_000_000 + n},"${PAD}"]`;
const ROW_BYTES = Buffer.byteLength(row(0)) + 1;
const TOTAL_BYTES = ROWS * ROW_BYTES;

let server: FakeKsqlDb;
let sent = 0;
let blocked = false;

beforeEach(async () => {
  sent = 0;
  blocked = false;
  server = await startFakeKsqlDb(async (ex) => {
    const format = ex.headers.accept === 'application/json' ? 'json' : 'delimited';
    startStream(ex);
    await ex.write(format === 'json' ? `[${JSON.stringify(HEADER)}` : `${JSON.stringify(HEADER)}\n`);
    // Batches of rows; each write waits for 'drain', so `sent` never runs ahead of what TCP accepted.
    for (let n = 0; n < ROWS && !ex.res.destroyed; n += 500) {
      let batch = '';
      for (let i = n; i < n + 500; i++) batch += format === 'json' ? `,${row(i)}` : `${row(i)}\n`;
      blocked = true;
      await ex.write(batch);
      blocked = false;
      sent += Buffer.byteLength(batch);
    }
    endStream(ex, format === 'json' ? ']' : undefined);
  });
});
afterEach(async () => {
  await closeClients();
  await server.close();
});

for (const protocol of PROTOCOLS) {
  for (const format of FORMATS) {
    it(`a slow consumer holds the server back; buffered bytes stay bounded (${protocol}, ${format})`, async () => {
      const heapBefore = process.memoryUsage().heapUsed;
      const result = await clientFor(server.url, { protocol, format }).query('SELECT * FROM t EMIT CHANGES;');
      let consumed = 0;
      let maxAhead = 0;
      let maxHeapGrowth = 0;
      for await (const r of result.rows) {
        expect(r.kind).toBe('row');
        consumed++;
        if (consumed === 1_000 || consumed === 100_000) {
          // Pause as a slow sink would: the server must end up waiting for drain, not buffering the rest in us.
          await sleep(400);
          const ahead = sent - consumed * ROW_BYTES;
          maxAhead = Math.max(maxAhead, ahead);
          maxHeapGrowth = Math.max(maxHeapGrowth, process.memoryUsage().heapUsed - heapBefore);
          expect(blocked).toBe(true);
        }
      }
      expect(consumed).toBe(ROWS);
      // What sits between server and consumer is kernel socket buffers (measured ~4 MiB over
      // HTTP/1.1 loopback, under the 64 KiB window over HTTP/2) plus the client's 16 KiB stream
      // buffer; the bound leaves room for other kernels' buffer sizing, against a ~43 MiB body.
      expect(TOTAL_BYTES).toBeGreaterThan(40 * 1024 * 1024);
      expect(maxAhead).toBeLessThan(12 * 1024 * 1024);
      expect(maxHeapGrowth).toBeLessThan(32 * 1024 * 1024);
    });
  }
}

describe('sanity of the measurement', () => {
  it('row size is what the test assumes', () => {
    expect(ROW_BYTES).toBe(Buffer.byteLength(`${row(123)}\n`));
  });
});
