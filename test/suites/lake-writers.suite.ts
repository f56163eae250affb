import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DuckDBInstance } from '@duckdb/node-api';
import { LosslessNumber } from 'lossless-json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamFeedSchema, tableFeedSchema } from '../../config/feed-schema.js';
import { slotRange } from '../../config/slot-range.js';
import { parseKsqlType } from '../../ksqldb/ksql-type.js';
import { LakeQuarantineThresholdError, LakeSchemaError, putText, slotFileNames, type StreamColumns, streamQuarantineKey, type TableMetadata, toLakeColumns, toStreamColumns } from '../../lake/index.js';
import { fromArray, STREAM_COLUMNS, streamRow } from '../helpers/lake-fixtures.js';
import type { LakeStorageUnderTest } from '../helpers/lake-storages.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-24T22:00:00Z');
const feed = streamFeedSchema.parse({ id: 'payments', kind: 'stream', source: 'PAYMENTS', slot: '1h' });
const range = (fromMs: number, toMs: number) => slotRange(feed, new Date(fromMs).toISOString(), new Date(toMs).toISOString());
const rows = [
  streamRow(T0, 'a', 10), // exactly on the slot start: inside
  streamRow(T0 + HOUR - 1, 'b', 20), // last millisecond of the first slot
  streamRow(T0 + HOUR, 'c', 30), // first millisecond of the second slot
  streamRow(T0 + 2 * HOUR - 1, 'd', 40), // 23:59:59.999, still 2026-11-24
];

let duckdb: DuckDBInstance;

/** A DuckDB of its own: it reads what the lake wrote the way any outside reader would. */
async function query(sql: string): Promise<Record<string, unknown>[]> {
  const connection = await duckdb.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson();
  } finally {
    connection.closeSync();
  }
}

/**
 * The lake's writers and readers through the Lake API, on one storage: run from the integration
 * tier on a local folder and from the s3 tier on SeaweedFS, so both storages answer the same.
 * Files are inspected through `mirror()`, the lake's objects laid out as local files.
 */
export function lakeWritersSuite(storage: LakeStorageUnderTest): void {
  beforeAll(async () => {
    duckdb = await DuckDBInstance.create(':memory:');
  });
  afterAll(() => duckdb.closeSync());

  describe('stream slots', () => {
    it('writes one Snappy Parquet file per slot under date=, named from (feed, slot)', async () => {
      await storage.withLake(async (t) => {
        const lake = await t.open();
        const result = await lake.writeStreamSlots({ feed, range: range(T0, T0 + 2 * HOUR), columns: STREAM_COLUMNS, rows: fromArray(rows), runId: 'run-1' });
        const held = await lake.heldSlots(feed.id);
        lake.close();
        expect([...held].sort((a, b) => a - b)).toEqual([T0, T0 + HOUR]);
        const root = await t.mirror();
        expect(result.files).toEqual([
          'date=2026-11-24/payments__20261124T220000Z.parquet',
          'date=2026-11-24/payments__20261124T230000Z.parquet',
        ]);
        expect(result.slots.map((s) => s.rows)).toEqual([2, 2]);
        const dir = join(root, 'streams', 'payments');
        const meta = await query(`SELECT DISTINCT compression FROM parquet_metadata('${dir}/date=*/*.parquet')`);
        expect(meta).toEqual([{ compression: 'SNAPPY' }]);
        const back = await query(`SELECT id, amount, items, rowtime::VARCHAR AS rowtime, date::VARCHAR AS date FROM read_parquet('${dir}/date=*/*.parquet', hive_partitioning = true) ORDER BY id`);
        expect(back[0]).toEqual({ id: 'a', amount: 10, items: [{ sku: 's-a', qty: 2 }], rowtime: '2026-11-24 22:00:00', date: '2026-11-24' });
        expect(back.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
        // nothing private is left where a reader could glob it
        expect(await readdir(t.stagingDir)).toEqual([]);
      });
    });

    it('replaces a slot on re-export: three runs give the same rows and checksum', async () => {
      await storage.withLake(async (t) => {
        const lake = await t.open();
        for (const runId of ['r1', 'r2', 'r3']) {
          await lake.writeStreamSlots({ feed, range: range(T0, T0 + HOUR), columns: STREAM_COLUMNS, rows: fromArray(rows.slice(0, 2)), runId });
        }
        const meta = await lake.describeFeed('payments');
        // the checksum is about content: one changed amount changes it
        await lake.writeStreamSlots({ feed, range: range(T0, T0 + HOUR), columns: STREAM_COLUMNS, rows: fromArray([rows[0]!, streamRow(T0 + HOUR - 1, 'b', 21)]), runId: 'r4' });
        const changed = await lake.describeFeed('payments');
        lake.close();
        const root = await t.mirror();
        const checksumOf = (m: typeof meta) => (m?.kind === 'stream' ? m.slots['2026-11-24T22:00:00.000Z']?.checksum : undefined);
        expect(checksumOf(changed)).not.toBe(checksumOf(meta));
        const files = await readdir(join(root, 'streams', 'payments', 'date=2026-11-24'));
        expect(files).toEqual(['payments__20261124T220000Z.parquet']);
        const [count] = await query(`SELECT count(*)::INT AS n FROM '${root}/streams/payments/date=*/*.parquet'`);
        expect(count).toEqual({ n: 2 });
        expect(meta?.kind === 'stream' && meta.slots['2026-11-24T22:00:00.000Z']).toMatchObject({ rows: 2, runId: 'r3', checksum: expect.stringMatching(/^[0-9a-f]{32}$/) });
      });
    });

    it('sets bad rows aside with their reason, counted against their slot, and keeps the rest', async () => {
      await storage.withLake(async (t) => {
        const lake = await t.open();
        const bad = [
          { kind: 'malformed' as const, raw: '[1764021600000,"tx-1",', reason: 'not valid JSON' },
          { kind: 'row' as const, values: [...(streamRow(T0 + HOUR + 5, 'x', 1) as { values: unknown[] }).values.slice(0, 2), 'abc', []] },
          streamRow(T0 - 1, 'early', 1),
        ];
        // 3 bad rows of 7 is past the default ratio (10 %): this feed accepts any share.
        const lenient = { ...feed, quarantine: { maxRatio: 1 } };
        const result = await lake.writeStreamSlots({ feed: lenient, range: range(T0, T0 + 2 * HOUR), columns: STREAM_COLUMNS, rows: fromArray([...rows, ...bad]), runId: 'r' });
        const meta = await lake.describeFeed('payments');
        lake.close();
        const root = await t.mirror();
        expect(result).toMatchObject({ rows: 4, quarantined: 3 });
        expect(result.quarantineFile).toBe('_quarantine/payments/20261124T220000Z_20261125T000000Z.ndjson');
        const lines = (await readFile(join(root, result.quarantineFile!), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
        expect(lines.map((l) => l.reason)).toEqual([
          'not valid JSON',
          'column AMOUNT: expected DOUBLE, got string "abc"',
          'ROWTIME 2026-11-24T21:59:59.999Z is outside the requested range',
        ]);
        expect(lines[1].raw).toContain('"abc"');
        // the broken line and the early row count against the first slot, the wrong-typed row against its own
        const slots = meta?.kind === 'stream' ? Object.values(meta.slots).map((e) => e.quarantined) : [];
        expect(slots).toEqual([2, 1]);
      });
    });

    it('under schemaChange freeze, a changed source schema stops the export before anything is written', async () => {
      await storage.withLake(async (t) => {
        const lake = await t.open();
        await lake.writeStreamSlots({ feed, range: range(T0, T0 + HOUR), columns: STREAM_COLUMNS, rows: fromArray(rows.slice(0, 2)), runId: 'r1' });
        const wider: StreamColumns = [...STREAM_COLUMNS, ...toLakeColumns([{ name: 'EXTRA_COLUMN', type: parseKsqlType('STRING') }])];
        const error = await lake
          .writeStreamSlots({ feed, range: range(T0 + HOUR, T0 + 2 * HOUR), columns: wider, rows: fromArray([]), runId: 'r2' })
          .catch((e: unknown) => e);
        lake.close();
        const root = await t.mirror();
        expect(error).toBeInstanceOf(LakeSchemaError);
        expect((error as Error).message).toContain('added extra_column STRING');
        expect(await readdir(join(root, 'streams', 'payments', 'date=2026-11-24'))).toHaveLength(1);
      });
    });
  });

  describe('table snapshots', () => {
    const table = tableFeedSchema.parse({ id: 'totals', kind: 'table', source: 'TOTALS', keepVersions: 2 });
    const columns = toLakeColumns([
      { name: 'K', type: parseKsqlType('STRING') },
      { name: 'N', type: parseKsqlType('BIGINT') },
    ]);
    const snapshot = (n: number) => fromArray([{ kind: 'row' as const, values: ['a', new LosslessNumber(String(n))] }]);

    it('publishes version=1, 2, 3; a retry of a run gets its version back; retention prunes old versions', async () => {
      await storage.withLake(async (t) => {
        const lake = await t.open();
        const v1 = await lake.writeTableSnapshot({ feed: table, columns, rows: snapshot(1), runId: 'run-a' });
        const again = await lake.writeTableSnapshot({ feed: table, columns, rows: snapshot(1), runId: 'run-a' });
        const v2 = await lake.writeTableSnapshot({ feed: table, columns, rows: snapshot(2), runId: 'run-b' });
        const v3 = await lake.writeTableSnapshot({ feed: table, columns, rows: snapshot(3), runId: 'run-c' });
        const retained = await lake.applyRetention(table, { nowMs: Date.now() });
        const meta = await lake.describeFeed('totals');
        const found = { current: await lake.findVersion('totals'), second: await lake.findVersion('totals', 2), pruned: await lake.findVersion('totals', 1), unknown: await lake.findVersion('nope') };
        await lake.rollback('totals', 2, 'test');
        const afterRollback = await lake.findVersion('totals');
        lake.close();
        const root = await t.mirror();
        expect([v1.version, again.version, v2.version, v3.version]).toEqual([1, 1, 2, 3]);
        expect(v1).toMatchObject({ rows: 1, quarantined: 0 });
        expect(retained).toMatchObject({ kind: 'table', deleted: [{ version: 1 }] });
        expect((await readdir(join(root, 'tables', 'totals'))).filter((f) => f.startsWith('version='))).toEqual(['version=2', 'version=3']);
        expect(meta).toMatchObject({ kind: 'table', pruned: [1], current: 3, versions: [{ version: 2 }, { version: 3 }] });
        expect(found).toMatchObject({ current: { version: 3, rows: 1 }, second: { version: 2 }, pruned: null, unknown: null });
        expect(afterRollback).toMatchObject({ version: 2 });
        const back = await query(`SELECT k, n, version FROM read_parquet('${root}/tables/totals/version=*/*.parquet', hive_partitioning = true) ORDER BY version`);
        expect(back).toEqual([{ k: 'a', n: '2', version: '2' }, { k: 'a', n: '3', version: '3' }]);
      });
    });
  });

  describe('quarantine threshold', () => {
    const columns = toLakeColumns([
      { name: 'K', type: parseKsqlType('STRING') },
      { name: 'N', type: parseKsqlType('BIGINT') },
    ]);
    const strict = tableFeedSchema.parse({ id: 'strict', kind: 'table', source: 'STRICT', quarantine: { maxRows: 1, maxRatio: 0.5, ratioMinRows: 0 } });

    it('a snapshot past its feed\'s threshold publishes no version and no quarantine object', async () => {
      await storage.withLake(async (t) => {
        const lake = await t.open();
        const good = { kind: 'row' as const, values: ['a', new LosslessNumber('1')] };
        const first = await lake.writeTableSnapshot({ feed: strict, columns, rows: fromArray([good, { kind: 'row' as const, values: ['b', 'x'] }]), runId: 'one-bad' });
        const before = await lake.describeFeed('strict');
        const error = await lake
          .writeTableSnapshot({ feed: strict, columns, rows: fromArray([good, { kind: 'row' as const, values: ['b', 'x'] }, { kind: 'row' as const, values: ['c', 'y'] }]), runId: 'two-bad' })
          .catch((e: unknown) => e);
        const after = await lake.describeFeed('strict');
        lake.close();
        const root = await t.mirror();
        expect(first).toMatchObject({ version: 1, quarantined: 1 });
        expect(error).toBeInstanceOf(LakeQuarantineThresholdError);
        expect((error as Error).message).toMatch(/^feed strict snapshot: 2 of 3 rows failed their checks, more than maxRows 1; 66\.7 % of 3 rows, more than maxRatio 0\.5; nothing was published\. Reasons: 1 × column N: .*; 1 × column N: /);
        expect(after).toEqual(before);
        expect(await readdir(join(root, 'tables', 'strict'))).toEqual(['_metadata.json', 'version=1']);
        expect(await readdir(join(root, '_quarantine', 'strict'))).toEqual(['version=1.ndjson']);
      });
    });
  });

  describe('reading the lake by feed, never by file', () => {
    const table = tableFeedSchema.parse({ id: 'totals', kind: 'table', source: 'TOTALS' });
    const columns = toLakeColumns([
      { name: 'K', type: parseKsqlType('STRING') },
      { name: 'N', type: parseKsqlType('BIGINT') },
    ]);
    const tableRows = (...pairs: Array<[string | null, number]>) => fromArray(pairs.map(([k, n]) => ({ kind: 'row' as const, values: [k, new LosslessNumber(String(n))] })));

    it('names the slot files from per-slot counts, and summarises date partitions from metadata as a scan of the files would', async () => {
      await storage.withLake(async (t) => {
        const lake = await t.open();
        const across = range(T0, T0 + 4 * HOUR); // 22:00 on the 24th to 02:00 on the 25th
        const result = await lake.writeStreamSlots({ feed, range: across, columns: STREAM_COLUMNS, rows: fromArray([...rows, streamRow(T0 + 3 * HOUR + 5, 'e', 50)]), runId: 'r' });
        const partitions = await lake.streamPartitions('payments');
        const viaView = await lake.query('SELECT id, date::VARCHAR AS date FROM payments ORDER BY id');
        lake.close();
        const root = await t.mirror();
        expect(result.slots.map((s) => s.rows)).toEqual([2, 2, 0, 1]);
        expect(slotFileNames(across, result.slots.map((s) => s.rows))).toEqual(result.files);
        const scanned = await query(
          `SELECT date::VARCHAR AS date, count(DISTINCT filename)::INT AS files, count(*)::INT AS rows
             FROM read_parquet('${root}/streams/payments/date=*/*.parquet', hive_partitioning = true, filename = true) GROUP BY date ORDER BY date`,
        );
        expect(partitions).toEqual([{ date: '2026-11-24', files: 2, rows: 4 }, { date: '2026-11-25', files: 1, rows: 1 }]);
        expect(partitions).toEqual(scanned);
        expect(viaView.map((r) => `${r.id}@${r.date}`)).toEqual(['a@2026-11-24', 'b@2026-11-24', 'c@2026-11-24', 'd@2026-11-24', 'e@2026-11-25']);
      });
    });

    it('shows a table feed as a view on its latest version, and reads any version in batches', async () => {
      await storage.withLake(async (t) => {
        const lake = await t.open();
        expect(await lake.query('SELECT count(*)::INT AS n FROM duckdb_views() WHERE NOT internal')).toEqual([{ n: 0 }]); // no feed yet, no view
        await lake.writeTableSnapshot({ feed: table, columns, rows: tableRows(['a', 1], ['b', 2], ['b', 3], [null, 4]), runId: 'v1' });
        await lake.writeTableSnapshot({ feed: table, columns, rows: tableRows(['z', 9]), runId: 'v2' });
        const latest = await lake.query('SELECT k, n FROM totals');
        const v1 = await lake.readVersion('totals', 1, { batchRows: 3 });
        const batches: unknown[][][] = [];
        for await (const batch of v1.batches) batches.push(batch);
        const keys = await lake.readVersion('totals', 1, { columns: ['k'], distinct: true });
        const distinct: unknown[][] = [];
        for await (const batch of keys.batches) distinct.push(...batch);
        const described = await lake.describeFeed('totals');
        lake.close();
        expect(latest).toEqual([{ k: 'z', n: '9' }]);
        expect(v1.columns).toEqual(['k', 'n']);
        expect(batches.map((b) => b.length)).toEqual([3, 1]);
        expect(batches.flat()).toEqual(expect.arrayContaining([['a', '1'], ['b', '3'], [null, '4']]));
        expect(keys.columns).toEqual(['k']);
        expect(distinct).toEqual([['a'], ['b'], [null]]);
        expect(described).toMatchObject({ kind: 'table', versions: [{ version: 1, rows: 4 }, { version: 2, rows: 1 }] });
      });
    });

    it('refuses a stream write whose columns do not start with ROWTIME', () => {
      expect(() => toStreamColumns([{ name: 'ID', type: parseKsqlType('STRING') }])).toThrow(LakeSchemaError);
    });
  });

  describe('staging', () => {
    it('opening the lake removes staging left by a killed worker, and keeps recent staging', async () => {
      await storage.withLake(async (t) => {
        const { mkdir, utimes, writeFile } = await import('node:fs/promises');
        const orphan = join(t.stagingDir, 'payments-orphan');
        const recent = join(t.stagingDir, 'payments-running');
        for (const dir of [orphan, recent]) {
          await mkdir(dir, { recursive: true });
          await writeFile(join(dir, 'rows.ndjson'), '{}\n');
        }
        const twoDaysAgo = new Date(Date.now() - 48 * 3_600_000);
        await utimes(orphan, twoDaysAgo, twoDaysAgo);
        const lake = await t.open();
        lake.close();
        expect(await readdir(t.stagingDir)).toEqual(['payments-running']);
      });
    });
  });

  describe('several writers on one lake', () => {
    const table = tableFeedSchema.parse({ id: 'totals', kind: 'table', source: 'TOTALS', keepVersions: 10 });
    const columns = toLakeColumns([
      { name: 'K', type: parseKsqlType('STRING') },
      { name: 'N', type: parseKsqlType('BIGINT') },
    ]);

    it('two processes exporting different slots of one feed at once both land in the metadata', async () => {
      await storage.withLake(async (t) => {
        // Two Lake instances: two workers, each with its own DuckDB (and staging on S3).
        const [a, b] = [await t.open(), await t.open()];
        const hours = Array.from({ length: 8 }, (_, i) => i);
        // Each process exports its slots one after another (as a worker with one activity slot), both at once.
        await Promise.all([a, b].map(async (lake, w) => {
          for (const h of hours.filter((hour) => hour % 2 === w)) {
            await lake.writeStreamSlots({
              feed,
              range: range(T0 + h * HOUR, T0 + (h + 1) * HOUR),
              columns: STREAM_COLUMNS,
              rows: fromArray([streamRow(T0 + h * HOUR + 1, `id-${h}`, h)]),
              runId: `run-${h}`,
            });
          }
        }));
        const meta = await a.describeFeed('payments');
        const viaView = await b.query('SELECT count(*)::INT AS n, count(DISTINCT id)::INT AS ids FROM payments');
        a.close();
        b.close();
        expect(meta?.kind === 'stream' && Object.values(meta.slots).map((s) => s.runId).sort()).toEqual(hours.map((h) => `run-${h}`).sort());
        expect(viaView).toEqual([{ n: 8, ids: 8 }]);
      });
    });

    it('snapshots racing for a version number get one number each, and no file outlives its attempt', async () => {
      await storage.withLake(async (t) => {
        const writers = [await t.open(), await t.open(), await t.open()];
        const results = await Promise.all(writers.map((lake, i) => lake.writeTableSnapshot({
          feed: table,
          columns,
          rows: fromArray([{ kind: 'row' as const, values: ['k', new LosslessNumber(String(i))] }]),
          runId: `race-${i}`,
        })));
        const meta = await writers[0]!.describeFeed('totals');
        const back = await Promise.all(results.map((r) => writers[0]!.aggregateVersion('totals', r.version, 'max(n)::INT AS n')));
        writers.forEach((lake) => lake.close());
        expect(results.map((r) => r.version).sort()).toEqual([1, 2, 3]);
        expect(back).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]); // each version holds its own run's rows
        const store = await t.store();
        const objects: string[] = [];
        for await (const { key } of store.list('tables/totals/')) objects.push(key);
        store.close();
        const named = meta?.kind === 'table' ? meta.versions.map((v) => `tables/totals/${v.file}`) : [];
        expect(objects.sort()).toEqual([...named, 'tables/totals/_metadata.json'].sort());
      });
    });

    it('readers follow the metadata: an object a failed attempt left is never read', async () => {
      await storage.withLake(async (t) => {
        const lake = await t.open();
        await lake.writeTableSnapshot({ feed: table, columns, rows: fromArray([{ kind: 'row' as const, values: ['k', new LosslessNumber('1')] }]), runId: 'ok' });
        await lake.writeStreamSlots({ feed, range: range(T0, T0 + HOUR), columns: STREAM_COLUMNS, rows: fromArray(rows.slice(0, 2)), runId: 'ok' });
        // what a worker killed between its upload and its commit leaves: files no metadata names
        const store = await t.store();
        const chunks: Buffer[] = [];
        for await (const chunk of await store.get('streams/payments/date=2026-11-24/payments__20261124T220000Z.parquet')) chunks.push(chunk as Buffer);
        const bytes = Buffer.concat(chunks);
        const expectBytes = { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
        for (const key of ['tables/totals/version=2/data_deadbeef.parquet', 'tables/totals/version=1/data_cafe.parquet', 'streams/payments/date=2026-11-24/payments__20261124T230000Z.parquet']) {
          await store.put(key, Readable.from([bytes]), expectBytes);
        }
        store.close();
        const totals = await lake.query('SELECT count(*)::INT AS n FROM totals');
        const payments = await lake.query('SELECT count(*)::INT AS n FROM payments');
        const version1 = await lake.aggregateVersion('totals', 1, 'count(*)::INT AS n');
        const partitions = await lake.streamPartitions('payments');
        lake.close();
        expect(totals).toEqual([{ n: 1 }]);
        expect(payments).toEqual([{ n: 2 }]);
        expect(version1).toEqual({ n: 1 });
        expect(partitions).toEqual([{ date: '2026-11-24', files: 1, rows: 2 }]);
      });
    });
  });

  describe('lake operations through the store', () => {
    const clicks = streamFeedSchema.parse({ id: 'clicks', kind: 'stream', source: 'CLICKS', slot: '1h', retentionDays: 2 });
    const kept = tableFeedSchema.parse({ id: 'totals', kind: 'table', source: 'TOTALS', keepVersions: 1 });
    const columns = toLakeColumns([
      { name: 'K', type: parseKsqlType('STRING') },
      { name: 'N', type: parseKsqlType('BIGINT') },
    ]);
    const snapshot = (n: number) => fromArray([{ kind: 'row' as const, values: ['a', new LosslessNumber(String(n))] }]);
    const record = (runId: string, finishedAt: string) => ({
      feed: 'clicks', kind: 'stream' as const, workflowId: 'w', runId, attempt: 1, window: null, version: null,
      rows: 1, quarantined: 0, bytes: 1, durationMs: 1, startedAt: finishedAt, finishedAt, outcome: 'succeeded' as const, error: null,
    });

    it('retention deletes old partitions, surplus versions (and what killed attempts left in them) and old run records; rollback moves readers', async () => {
      await storage.withLake(async (t) => {
        const lake = await t.open();
        const day0 = Date.parse('2026-11-20T00:00:00Z');
        const clicksRange = slotRange(clicks, new Date(day0).toISOString(), new Date(day0 + 4 * 24 * HOUR).toISOString());
        await lake.writeStreamSlots({ feed: clicks, range: clicksRange, columns: STREAM_COLUMNS, rows: fromArray([0, 1, 2, 3].map((d) => streamRow(day0 + d * 24 * HOUR + HOUR, `c${d}`, d))), runId: 'four-days' });
        for (const v of [1, 2, 3]) await lake.writeTableSnapshot({ feed: kept, columns, rows: snapshot(v), runId: `v${v}` });
        await lake.recordRun(record('old', '2026-11-20T05:00:00.000Z'));
        await lake.recordRun(record('new', '2026-11-23T05:00:00.000Z'));
        const store = await t.store();
        await putText(store, 'tables/totals/version=1/data_deadbeef.parquet', 'left by a killed attempt');
        // Quarantine objects of a window before the cutoff, one ending on it, and one after it.
        const quarantined = [[day0, day0 + HOUR], [day0 + 23 * HOUR, day0 + 24 * HOUR], [day0 + 24 * HOUR, day0 + 25 * HOUR]].map(([s, e]) => streamQuarantineKey('clicks', s!, e!));
        for (const key of quarantined) await putText(store, key, '{"reason":"r","raw":"[1]"}\n');
        // The table's log: runs of versions 1 (deleted) and 3 (kept), and a failed run before version 2 was published.
        const tableRecord = (runId: string, version: number | null, finishedAt: string) => ({ ...record(runId, finishedAt), feed: 'totals', kind: 'table' as const, version, ...(version === null && { outcome: 'failed' as const, error: { type: 'X', message: 'm' } }) });
        const published = async (v: number) => ((await lake.describeFeed('totals')) as TableMetadata).versions.find((x) => x.version === v)!.publishedAt;
        await lake.recordRun(tableRecord('t1', 1, await published(1)));
        await lake.recordRun(tableRecord('t-failed', null, new Date(Date.parse(await published(2)) - 1).toISOString()));
        await lake.recordRun(tableRecord('t3', 3, await published(3)));

        const rolledBack = await lake.rollback('totals', 2, 'tester');
        const afterRollback = await lake.query('SELECT n FROM totals');
        const now = Date.parse('2026-11-23T12:00:00Z'); // keeps 2026-11-21 and later
        const streamRetention = await lake.applyRetention(clicks, { nowMs: now });
        const tableRetention = await lake.applyRetention(kept, { nowMs: now, protectedVersions: new Set([2]) });
        const runs = await lake.runs('clicks');
        const tableRuns = await lake.runs('totals');
        const partitions = await lake.streamPartitions('clicks');
        const keys: string[] = [];
        for await (const { key } of store.list('')) keys.push(key);
        store.close();
        lake.close();

        expect(rolledBack).toMatchObject({ from: 3, to: 2, by: 'tester' });
        expect(afterRollback).toEqual([{ n: '2' }]);
        expect(streamRetention).toMatchObject({ kind: 'stream', cutoffDate: '2026-11-21', deleted: [{ date: '2026-11-20' }], runRecordsDeleted: 1 });
        expect(tableRetention).toMatchObject({ kind: 'table', deleted: [{ version: 1 }], runRecordsDeleted: 2 });
        expect(tableRuns.map((r) => r.runId)).toEqual(['t3']);
        expect(streamRetention).toMatchObject({ quarantineObjectsDeleted: 2 });
        expect(keys.filter((k) => k.startsWith('_quarantine/clicks/'))).toEqual([quarantined[2]]);
        expect(partitions.map((p) => p.date)).toEqual(['2026-11-21', '2026-11-22', '2026-11-23']);
        expect(runs.map((r) => r.runId)).toEqual(['new']);
        expect(keys.filter((k) => k.startsWith('streams/clicks/date=2026-11-20') || k.startsWith('tables/totals/version=1/') || k.includes('_runs/clicks/2026112005'))).toEqual([]);
        expect(keys.filter((k) => k.startsWith('tables/totals/version='))).toHaveLength(2); // versions 2 (protected, current) and 3
      });
    });
  });
}
