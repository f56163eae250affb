import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFeed } from '../../config/load-feeds.js';
import { runExport } from '../../client/run/run-export.js';
import { startExport } from '../../client/run/start-export.js';
import { SA_FEED, SA_ROWS, SA_SLOT_START, SA_SNAPSHOT_AT } from '../../workflows/search-attributes.js';
import { startHarness, type Harness } from '../helpers/etl-harness.js';
import { streamDirOf, tableDirOf } from '../helpers/lake-layout.js';
import { streamRange } from '../helpers/stream-range.js';

const DAY = '2026-10-01';
const HOUR = 3_600_000;
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ name: 'skeleton', dataset: { seed: 7, start: `${DAY}T00:00:00Z`, days: 1, rowsPerDay: 1200 } });
});
afterAll(() => h?.stop());

const streamFeed = () => getFeed(h.deps.feeds, 'transaction_stream');
const tableFeed = () => getFeed(h.deps.feeds, 'user_transaction_summary');
const windowStart = (hour: number) => new Date(Date.parse(`${DAY}T00:00:00Z`) + hour * HOUR).toISOString();
const sourceRowsIn = (start: string) =>
  h.standin.dataset.transactions.filter((t) => t.timestamp >= Date.parse(start) && t.timestamp < Date.parse(start) + HOUR);

const lakeQuery = (sql: string) => h.deps.lake.query(sql);

describe('walking skeleton', () => {
  it('exports a stream window to Snappy Parquet under date=, with the source rows round-tripped', async () => {
    const start = windowStart(10);
    const outcome = await runExport(h.client, h.env, streamFeed(), { range: streamRange(streamFeed(), start), taskQueue: h.taskQueue });
    const expected = sourceRowsIn(start);
    expect(expected.length).toBeGreaterThan(10);
    expect(outcome).toMatchObject({ rows: expected.length, quarantined: 0, files: [`date=${DAY}/transaction_stream__20261001T100000Z.parquet`] });
    expect(outcome.workflowId).toBe('export:transaction_stream:2026-10-01T10:00:00Z');
    const file = join(streamDirOf(h.env.LAKE_DIR, 'transaction_stream'), outcome.files[0]!);
    expect(await lakeQuery(`SELECT DISTINCT compression FROM parquet_metadata('${file}')`)).toEqual([{ compression: 'SNAPPY' }]);
    const rows = await lakeQuery(
      `SELECT transaction_id, amount, timestamp, products, epoch_ms(rowtime) AS rowtime FROM read_parquet('${file}') ORDER BY transaction_id`,
    );
    const byId = new Map(expected.map((t) => [t.transaction_id, t]));
    expect(rows).toHaveLength(expected.length);
    for (const row of rows) {
      const source = byId.get(String(row.transaction_id))!;
      expect(row.amount).toBe(source.amount); // DOUBLE
      expect(row.timestamp).toBe(String(source.timestamp)); // BIGINT, exact
      expect(Number(row.rowtime)).toBe(source.timestamp);
      expect(row.products).toEqual(source.products); // ARRAY<STRUCT>, field names lower-case like the source JSON
    }
  });

  it('writes files an independent Parquet reader (hyparquet) reads back: Snappy, and the source rows', async () => {
    const start = windowStart(9);
    const outcome = await runExport(h.client, h.env, streamFeed(), { range: streamRange(streamFeed(), start), taskQueue: h.taskQueue });
    const file = await asyncBufferFromFile(join(streamDirOf(h.env.LAKE_DIR, 'transaction_stream'), outcome.files[0]!));
    const metadata = await parquetMetadataAsync(file);
    const codecs = new Set(metadata.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec)));
    expect([...codecs]).toEqual(['SNAPPY']);
    const rows = (await parquetReadObjects({ file })) as Array<Record<string, unknown>>;
    const expected = sourceRowsIn(start);
    expect(rows).toHaveLength(expected.length);
    const read = new Map(rows.map((r) => [r.transaction_id, r]));
    for (const t of expected) {
      const row = read.get(t.transaction_id)!;
      expect(row).toMatchObject({ user_id: t.user_id, amount: t.amount, currency: t.currency, card_number: t.card_number, timestamp: BigInt(t.timestamp) });
      expect(row.products).toEqual(t.products);
    }
  });

  it('running the same window three times gives the same rows and content checksum', async () => {
    const start = windowStart(11);
    const checksums: string[] = [];
    for (let i = 0; i < 3; i++) {
      await runExport(h.client, h.env, streamFeed(), { range: streamRange(streamFeed(), start), taskQueue: h.taskQueue });
      const meta = await h.deps.lake.describeFeed('transaction_stream');
      const entry = meta?.kind === 'stream' ? meta.slots[start] : undefined;
      checksums.push(entry!.checksum!);
      const [count] = await lakeQuery(`SELECT count(*)::INT AS n FROM '${streamDirOf(h.env.LAKE_DIR, 'transaction_stream')}/date=*/*T110000Z.parquet'`);
      expect(count).toEqual({ n: sourceRowsIn(start).length });
    }
    expect(new Set(checksums).size).toBe(1);
  });

  it('exports a table snapshot twice: version=1 and version=2 in the lake and both in MySQL', async () => {
    const expectedUsers = new Set(h.standin.dataset.transactions.map((t) => t.user_id)).size;
    const first = await runExport(h.client, h.env, tableFeed(), { taskQueue: h.taskQueue, now: new Date(`${DAY}T12:00:00Z`) });
    const second = await runExport(h.client, h.env, tableFeed(), { taskQueue: h.taskQueue, now: new Date(`${DAY}T12:00:01Z`) });
    expect([first.version, second.version]).toEqual([1, 2]);
    const described = await h.client.workflow.getHandle(second.workflowId).describe();
    const attributes = described.typedSearchAttributes;
    // a table run has no slot: it records when its snapshot was taken, under its own name
    expect(attributes.get(SA_SLOT_START)).toBeUndefined();
    expect(attributes.get(SA_SNAPSHOT_AT)).toEqual(described.startTime);
    expect([attributes.get(SA_FEED), attributes.get(SA_ROWS)]).toEqual(['user_transaction_summary', expectedUsers]);
    expect([first.rows, second.rows, first.warehouseRows, second.warehouseRows]).toEqual([expectedUsers, expectedUsers, expectedUsers, expectedUsers]);
    // each version's one file, named by its attempt (data_<attempt>.parquet) and by the metadata
    const meta = await h.deps.lake.describeFeed('user_transaction_summary');
    for (const version of [1, 2]) {
      const file = meta?.kind === 'table' ? meta.versions.find((v) => v.version === version)?.file : undefined;
      expect(file).toMatch(new RegExp(`^version=${version}/data_[0-9a-f]{8}\\.parquet$`));
      expect(existsSync(join(tableDirOf(h.env.LAKE_DIR, 'user_transaction_summary'), file!))).toBe(true);
    }
    const counts = await h.deps.warehouse.query('SELECT snapshot_version AS v, COUNT(*) AS n FROM fact_user_transaction_summary GROUP BY 1 ORDER BY 1');
    expect(counts).toEqual([{ v: 1, n: String(expectedUsers) }, { v: 2, n: String(expectedUsers) }]);
    const total = h.standin.dataset.transactions.filter((t) => t.user_id === 'user-1').reduce((sum, t) => sum + t.amount, 0);
    const [row] = await h.deps.warehouse.query<{ total_amount: number }>("SELECT total_amount FROM fact_user_transaction_summary WHERE snapshot_version = 2 AND user_id = 'user-1'");
    expect(row?.total_amount).toBeCloseTo(total, 6);
  });

  it('when ksqlDB is down the activity retries, and the window completes once it is back, with no partial file ever visible', async () => {
    const start = windowStart(12);
    await h.stopStandin();
    const started = await startExport(h.client, streamFeed(), { range: streamRange(streamFeed(), start), taskQueue: h.taskQueue });
    const slotFile = join(streamDirOf(h.env.LAKE_DIR, 'transaction_stream'), `date=${DAY}`, 'transaction_stream__20261001T120000Z.parquet');
    for (let i = 0; i < 10; i++) {
      await sleep(300);
      expect(existsSync(slotFile)).toBe(false);
    }
    const { pendingActivities } = await started.handle.describe().then((d) => d.raw);
    expect(Number(pendingActivities?.[0]?.attempt ?? 0)).toBeGreaterThan(1);
    await h.restartStandin();
    const result = await started.handle.result();
    expect(result.rows).toBe(sourceRowsIn(start).length);
    expect(existsSync(slotFile)).toBe(true);
  });
});
