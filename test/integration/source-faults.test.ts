import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startExport } from '../../client/run/start-export.js';
import { feedSchema } from '../../config/feed-schema.js';
import { getFeed } from '../../config/load-feeds.js';
import { startHarness, type Harness } from '../helpers/etl-harness.js';
import { streamDirOf } from '../helpers/lake-layout.js';
import { streamRange } from '../helpers/stream-range.js';

const HOUR = 3_600_000;

// Each protocol gets its own day, so the two suites' workflow ids never meet on the shared server.
describe.each([
  ['HTTP/1.1', 'http1', '2026-08-01'],
  ['HTTP/2', 'http2', '2026-08-02'],
] as const)('faults from ksqlDB over %s, through the workflow', (_, protocol, DAY) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({
      name: `faults-${protocol}`,
      dataset: { seed: 3, start: `${DAY}T00:00:00Z`, days: 1, rowsPerDay: 960 },
      // A short idle timeout, so a stalled server is given up on in seconds rather than a minute.
      ksql: { protocol, idleTimeoutMs: 1500 },
    });
  });
  afterEach(() => void h.standin.faults.clear());
  afterAll(() => h?.stop());

  const startOf = (hour: number) => Date.parse(`${DAY}T00:00:00Z`) + hour * HOUR;
  const expectedRows = (hour: number) => h.standin.dataset.transactions.filter((t) => t.timestamp >= startOf(hour) && t.timestamp < startOf(hour) + HOUR).length;
  const slotFile = (hour: number) =>
    join(streamDirOf(h.env.LAKE_DIR, 'transaction_stream'), `date=${DAY}`, `transaction_stream__${DAY.replace(/-/g, '')}T${String(hour).padStart(2, '0')}0000Z.parquet`);

  /** Runs one window with a fault armed for its query only; returns the result (or failure) and the attempts made. */
  async function exportWith(hour: number, fault: Parameters<Harness['standin']['faults']['add']>[0] | null, feedId = 'transaction_stream') {
    if (fault) h.standin.faults.add({ ...fault, match: { sqlContains: `ROWTIME >= ${startOf(hour)} ` } });
    const feed = getFeed(h.deps.feeds, feedId);
    const started = await startExport(h.client, feed, { range: streamRange(feed, new Date(startOf(hour)).toISOString()), taskQueue: h.taskQueue });
    const outcome = await started.handle.result().then(
      (result) => ({ result, error: null }),
      (error: unknown) => ({ result: null, error }),
    );
    const history = await started.handle.fetchHistory();
    const attempts = (history.events ?? []).filter((e) => e.activityTaskStartedEventAttributes).map((e) => e.activityTaskStartedEventAttributes!.attempt);
    return { ...outcome, attempts };
  }

  async function lakeRows(file: string): Promise<number> {
    const [row] = await h.deps.lake.query(`SELECT count(*)::INT AS n FROM read_parquet('${file}')`);
    return Number(row!.n);
  }

    it.each([
      ['a connection cut mid-stream', { fault: 'cut', afterRows: 10 }, 1],
      ['an error object in the middle of a 200 stream', { fault: 'midStreamError', afterRows: 10 }, 2],
      ['503 Server initializing, twice', { fault: 'http503', times: 2 }, 3],
      ['500', { fault: 'http500' }, 4],
      ['a stall after the header', { fault: 'stall', afterRows: 5, stallMs: 20_000 }, 10],
    ] as const)('%s: retried, then the whole window lands once', async (_, fault, hour) => {
      const { result, attempts } = await exportWith(hour, fault);
      expect(attempts.at(-1)).toBeGreaterThan(1);
      expect(result).toMatchObject({ rows: expectedRows(hour), quarantined: 0 });
      expect(await lakeRows(slotFile(hour))).toBe(expectedRows(hour));
    });

    it.each([
      ['a malformed row', { fault: 'malformedRow', afterRows: 3 }, 5, /^not valid JSON: /],
      ['a row with wrong types', { fault: 'wrongTypes', afterRows: 3 }, 6, /column AMOUNT: expected DOUBLE, got string/],
    ] as const)('%s: set aside in the quarantine with its reason, the rest of the window lands', async (_, fault, hour, reason) => {
      const { result, attempts } = await exportWith(hour, fault);
      expect(attempts).toEqual([1]);
      expect(result?.quarantined).toBe(1);
      expect(result!.rows + result!.quarantined).toBe(expectedRows(hour));
      expect(await lakeRows(slotFile(hour))).toBe(result!.rows);
      expect(result!.quarantineFile).toMatch(/^_quarantine\/transaction_stream\/\d{8}T\d{6}Z_\d{8}T\d{6}Z\.ndjson$/);
      const [quarantined] = (await readFile(join(h.env.LAKE_DIR, result!.quarantineFile!), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { reason: string; raw: string });
      expect(quarantined!.reason).toMatch(reason);
      expect(quarantined!.raw.length).toBeGreaterThan(0);
    });

    it('a changed schema under freeze fails at once, naming the column, and writes nothing', async () => {
      await exportWith(7, null); // records the schema
      const { error, attempts } = await exportWith(8, { fault: 'schemaAdded', times: 0 });
      expect(attempts).toEqual([1]);
      expect(error).toBeInstanceOf(WorkflowFailedError);
      const cause = (error as WorkflowFailedError).cause?.cause as Error & { type?: string };
    expect(cause.type).toBe('LakeSchemaError');
    expect(cause.message).toContain('added extra_column STRING');
      expect(existsSync(slotFile(8))).toBe(false);
    });

    it('an unknown ksqlDB source fails at once with ksqlDB\'s message', async () => {
      (h.deps.feeds as Map<string, unknown>).set('ghost_stream', feedSchema.parse({ id: 'ghost_stream', kind: 'stream', source: 'GHOST_STREAM' }));
      const { error, attempts } = await exportWith(9, null, 'ghost_stream');
      expect(attempts).toEqual([1]);
      const cause = (error as WorkflowFailedError).cause?.cause as Error & { type?: string };
      expect(cause.type).toBe('KsqlStatementError');
      expect(cause.message).toContain('GHOST_STREAM does not exist');
    });
});
