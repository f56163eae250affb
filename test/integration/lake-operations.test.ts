import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LosslessNumber } from 'lossless-json';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { recordedRun } from '../../activities/recorded-run.js';
import type { CliDeps } from '../../client/common/cli-deps.js';
import { buildProgram, main } from '../../client/program.js';
import { readSettings } from '../../config/env.js';
import { streamFeedSchema, tableFeedSchema } from '../../config/feed-schema.js';
import { slotRange } from '../../config/slot-range.js';
import { parseKsqlType } from '../../ksqldb/ksql-type.js';
import { Lake, lakeStatusSchema, toLakeColumns } from '../../lake/index.js';
import { fromArray, STREAM_COLUMNS, streamRow } from '../helpers/lake-fixtures.js';
import { streamDirOf, tableDirOf } from '../helpers/lake-layout.js';
import { withTempDir } from '../helpers/services.js';
import { withTestWarehouse } from '../helpers/test-warehouse.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const clicks = streamFeedSchema.parse({ id: 'clicks', kind: 'stream', source: 'CLICKS', slot: '1h', retentionDays: 365 });
const totals = tableFeedSchema.parse({ id: 'totals', kind: 'table', source: 'TOTALS', keepVersions: 5, warehouse: { fact: 'fact_totals' } });
const tableColumns = toLakeColumns([{ name: 'K', type: parseKsqlType('STRING') }, { name: 'N', type: parseKsqlType('BIGINT') }]);
const snapshot = (n: number) => fromArray([{ kind: 'row' as const, values: ['a', new LosslessNumber(String(n))] }]);
const range = (fromMs: number, toMs: number) => slotRange(clicks, new Date(fromMs).toISOString(), new Date(toMs).toISOString());

async function writeFeeds(dir: string, feeds: object[]): Promise<void> {
  for (const feed of feeds) await writeFile(join(dir, `${(feed as { id: string }).id}.json`), JSON.stringify(feed));
}

/** Every file under `dir`, relative, sorted: what "nothing was deleted" compares. */
async function tree(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).sort();
}

/** Runs `ksql-etl …` through the real program with its own environment and clock. */
async function cli(env: Record<string, string>, nowMs: number, args: string[]): Promise<string[]> {
  const lines: string[] = [];
  const deps: CliDeps = { settings: (pieces) => readSettings(env, pieces), processEnv: {}, out: (l) => lines.push(l), now: () => nowMs, note: () => {} };
  await buildProgram(deps).exitOverride().parseAsync(args, { from: 'user' });
  return lines;
}

describe('retention', () => {
  it('on 400 days of hourly slots and 40 versions: the dry run deletes nothing and prints the plan the real run carries out', async () => {
    await withTestWarehouse('retention', async (warehouse, mysqlUrl) => {
      await withTempDir('lakeops', async (dir) => {
        const [root, feedsDir] = [join(dir, 'lake'), dir];
        await writeFeeds(feedsDir, [clicks, totals]);
        const firstDay = Date.parse('2025-10-27T00:00:00Z');
        const lake = await Lake.open(root);
        // one row at noon of each of 400 days: 400 files, 9,600 slot entries
        const noon = Array.from({ length: 400 }, (_, d) => streamRow(firstDay + d * DAY + 12 * HOUR, `c${d}`, d));
        await lake.writeStreamSlots({ feed: clicks, range: range(firstDay, firstDay + 400 * DAY), columns: STREAM_COLUMNS, rows: fromArray(noon), runId: 'bulk' });
        for (let v = 1; v <= 40; v++) await lake.writeTableSnapshot({ feed: totals, columns: tableColumns, rows: snapshot(v), runId: `run-${v}` });
        await lake.rollback('totals', 12, 'tester');
        const old = { feed: 'clicks', kind: 'stream' as const, workflowId: 'w', attempt: 1, window: null, version: null };
        for (const [runId, at] of [['old', '2025-11-01T00:00:00Z'], ['new', '2026-11-29T00:00:00Z']] as const) {
          await recordedRun(lake, { ...old, runId }, async () => ({ result: null, counts: { rows: 1, quarantined: 0, bytes: 1, version: null } }));
          // and one record dated `at`: retention prunes the log by finish time
          await lake.recordRun({ ...old, runId: `${runId}-dated`, rows: 0, quarantined: 0, bytes: 0, durationMs: 0, startedAt: at, finishedAt: at, outcome: 'succeeded', error: null });
        }
        lake.close();
        // loaded: 3 and 20; a failed attempt at 5 holds nothing
        await warehouse.query(
          "INSERT INTO etl_snapshot_loads (feed, snapshot_version, fact_table, status, row_count, lake_checksum, started_at) VALUES " +
            "('totals', 3, 'fact_totals', 'loaded', 1, 'x', NOW(3)), ('totals', 20, 'fact_totals', 'loaded', 1, 'x', NOW(3)), ('totals', 5, 'fact_totals', 'failed', NULL, NULL, NOW(3))",
        );

        const env = { LAKE_DIR: root, FEEDS_DIR: feedsDir, MYSQL_URL: mysqlUrl };
        const now = firstDay + 399 * DAY + 12 * HOUR; // noon of the 400th day
        const before = await tree(root);
        const dry = await cli(env, now, ['retention', '--dry-run']);
        expect(await tree(root)).toEqual(before);
        const real = await cli(env, now, ['retention']);
        expect(real).toEqual(dry.map((l) => l.replaceAll('would delete', 'deleted')));

        // streams: the 34 days before the cutoff go, files, date dirs and entries; 366 stay
        expect(real[0]).toBe('clicks: keep 365 days, partitions dated before 2025-11-30 go');
        expect(real.filter((l) => l.startsWith('  deleted date='))).toHaveLength(34);
        expect(real).toContain('  deleted date=2025-10-27: 24 slot(s), 1 file(s), 1 rows, ' + real[1]!.split(', ').at(-1));
        expect(real).toContain('  kept 366 partition(s), oldest 2025-11-30; deleted 1 run record(s) and 0 quarantine object(s)');
        const dates = (await readdir(streamDirOf(root, 'clicks'))).filter((d) => d.startsWith('date='));
        expect(dates).toHaveLength(366);
        expect(dates.sort()[0]).toBe('date=2025-11-30');
        const reopened = await Lake.open(root);
        const meta = await reopened.describeFeed('clicks');
        expect(meta?.kind === 'stream' && Object.keys(meta.slots).length).toBe(366 * 24);
        expect((await reopened.runs('clicks', { latest: 100 })).map((r) => r.runId)).toEqual(['new-dated', 'old', 'new']);

        // tables: the newest 5, the current (12) and the warehouse's (3, 20) stay; 32 go
        expect(real).toContain('  kept version=40 (newest), version=39 (newest), version=38 (newest), version=37 (newest), version=36 (newest), version=20 (held by the warehouse), version=12 (current), version=3 (held by the warehouse)');
        expect(real.filter((l) => l.startsWith('  deleted version='))).toHaveLength(32);
        const versionDirs = (await readdir(tableDirOf(root, 'totals'))).filter((d) => d.startsWith('version='));
        expect(versionDirs.sort()).toEqual(['version=12', 'version=20', 'version=3', 'version=36', 'version=37', 'version=38', 'version=39', 'version=40']);

        // the next snapshot takes a number above every earlier one, pruned ones included, and becomes current
        const next = await reopened.writeTableSnapshot({ feed: totals, columns: tableColumns, rows: snapshot(41), runId: 'run-41' });
        expect(next.version).toBe(41);
        expect(await reopened.currentVersion('totals')).toBe(41);
        reopened.close();
        // rollback moves the warehouse's current view too; a version the warehouse has not loaded
        // is refused (exit 2) and the lake goes back to where it was
        expect(await cli(env, now, ['lake', 'rollback', 'totals', '--to', '20'])).toEqual([
          expect.stringMatching(/^totals: current version 41 → 20 /),
          '  fact_totals_current now shows version 20',
        ]);
        const currentRow = async () => (await warehouse.query<{ v: number }>("SELECT snapshot_version AS v FROM etl_current_versions WHERE fact_table = 'fact_totals'"))[0]?.v;
        expect(await currentRow()).toBe(20);
        await expect(cli(env, now, ['lake', 'rollback', 'totals', '--to', '36'])).rejects.toThrow(/version 36, table fact_totals: the version is not loaded/);
        expect(await currentRow()).toBe(20);
        const afterRefusal = await Lake.open(root);
        expect(await afterRefusal.currentVersion('totals')).toBe(20);
        afterRefusal.close();
        // a second real run finds nothing more to delete among the streams
        const again = await cli(env, now, ['retention', 'clicks', '--json']);
        expect(JSON.parse(again.join('\n'))).toMatchObject([{ feed: 'clicks', kind: 'stream', deleted: [], keptPartitions: 366 }]);
      });
    });
  });
});

describe('rollback', () => {
  afterEach(() => vi.restoreAllMocks());

  it('moves the current pointer (views and readVersion follow), records who, and the next snapshot is numbered above all', async () => {
    await withTempDir('lakeops', async (dir) => {
      const root = join(dir, 'lake');
      const lakeOnly = { ...totals, warehouse: undefined };
      await writeFeeds(dir, [lakeOnly]);
      const lake = await Lake.open(root);
      for (let v = 1; v <= 3; v++) await lake.writeTableSnapshot({ feed: lakeOnly, columns: tableColumns, rows: snapshot(v * 100), runId: `run-${v}` });
      const lines = await cli({ LAKE_DIR: root, FEEDS_DIR: dir }, Date.now(), ['lake', 'rollback', 'totals', '--to', '2']);
      expect(lines[0]).toMatch(/^totals: current version 3 → 2 \(by .+ at \d{4}-/);
      expect(await lake.query('SELECT n FROM totals')).toEqual([{ n: '200' }]);
      const read = await lake.readVersion('totals');
      const rows: unknown[][] = [];
      for await (const batch of read.batches) rows.push(...batch);
      expect(rows).toEqual([['a', '200']]);
      const meta = await lake.describeFeed('totals');
      expect(meta).toMatchObject({ current: 2, rollbacks: [{ from: 3, to: 2 }] });

      const next = await lake.writeTableSnapshot({ feed: lakeOnly, columns: tableColumns, rows: snapshot(400), runId: 'run-4' });
      expect(next.version).toBe(4);
      expect(await lake.query('SELECT n FROM totals')).toEqual([{ n: '400' }]);
      lake.close();

      // a version the lake does not keep, or not a number: bad input, exit 2
      vi.spyOn(console, 'error').mockImplementation(() => undefined);
      Object.assign(process.env, { LAKE_DIR: root, FEEDS_DIR: dir });
      expect(await main(['node', 'ksql-etl', 'lake', 'rollback', 'totals', '--to', '9'])).toBe(2);
      expect(await main(['node', 'ksql-etl', 'lake', 'rollback', 'totals', '--to', 'two'])).toBe(2);
      expect(vi.mocked(console.error).mock.calls[0]![0]).toBe('feed totals: version 9 was never published; the lake keeps 1, 2, 3, 4');
    });
  });
});

describe('status', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows done, empty, late, failed and missing slots; exit 1 over them, 0 over a clean range, 2 for a bad instant', async () => {
    await withTempDir('lakeops', async (dir) => {
      const root = join(dir, 'lake');
      const lakeOnly = { ...totals, warehouse: undefined };
      await writeFeeds(dir, [clicks, lakeOnly]);
      const t0 = Math.floor(Date.now() / HOUR) * HOUR - 8 * HOUR;
      const lake = await Lake.open(root);
      const write = (fromMs: number, toMs: number, rows: ReturnType<typeof streamRow>[], runId: string) =>
        lake.writeStreamSlots({ feed: clicks, range: range(fromMs, toMs), columns: STREAM_COLUMNS, rows: fromArray(rows), runId });
      await write(t0, t0 + 3 * HOUR, [streamRow(t0 + 1, 'a', 1), streamRow(t0 + 2, 'b', 2), streamRow(t0 + 2 * HOUR, 'c', 3)], 'r1'); // done, empty, one row
      await write(t0 + 2 * HOUR, t0 + 3 * HOUR, [streamRow(t0 + 2 * HOUR, 'c', 3), streamRow(t0 + 2 * HOUR + 9, 'late', 4)], 'r2'); // late: 1 → 2
      const run = { feed: 'clicks', kind: 'stream' as const, workflowId: `export:clicks:${new Date(t0 + 3 * HOUR).toISOString()}`, runId: 'r3', attempt: 1, window: { start: new Date(t0 + 3 * HOUR).toISOString(), end: new Date(t0 + 4 * HOUR).toISOString() } };
      const failed = recordedRun(lake, run, async () => {
        throw Object.assign(new Error('connection refused'), { name: 'KsqlUnavailableError' });
      });
      await expect(failed).rejects.toThrow('connection refused');
      // t0+4h is never exported: missing
      await write(t0 + 5 * HOUR, t0 + 8 * HOUR, [5, 6, 7].map((h) => streamRow(t0 + h * HOUR + 5, `h${h}`, h)), 'r4');
      await lake.writeTableSnapshot({ feed: lakeOnly, columns: tableColumns, rows: snapshot(1), runId: 'run-1' });
      lake.close();

      const env = { LAKE_DIR: root, FEEDS_DIR: dir };
      const iso = (ms: number) => new Date(ms).toISOString();
      const now = Date.now();
      await expect(cli(env, now, ['status', '--from', iso(t0), '--to', iso(t0 + 8 * HOUR)])).rejects.toThrow('status: 2 problem(s)');

      const printed: string[] = [];
      vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
      vi.spyOn(console, 'error').mockImplementation(() => undefined);
      Object.assign(process.env, env);
      expect(await main(['node', 'ksql-etl', 'status', 'clicks', '--from', iso(t0), '--to', iso(t0 + 8 * HOUR), '--json'])).toBe(1);
      const model = lakeStatusSchema.parse(JSON.parse(printed.join('\n')));
      const feed = model.feeds[0]!;
      if (feed.kind !== 'stream') throw new Error('expected the stream');
      expect(feed.slots.map((s) => s.state)).toEqual(['done', 'empty', 'late', 'failed', 'missing', 'done', 'done', 'done']);
      expect(feed.slots[2]).toMatchObject({ rows: 2, previousRows: 1 });
      expect(feed.slots[3]!.failure).toMatchObject({ type: 'KsqlUnavailableError', message: 'connection refused' });
      expect(feed.freshness.stale).toBe(false);
      expect(feed.latestRuns.map((r) => [r.runId, r.outcome])).toEqual([['r3', 'failed']]);

      expect(await main(['node', 'ksql-etl', 'status', '--from', iso(t0), '--to', iso(t0 + 3 * HOUR)])).toBe(0);
      expect(await main(['node', 'ksql-etl', 'status', '--from', iso(t0 + 5 * HOUR), '--to', iso(t0 + 8 * HOUR)])).toBe(0);
      expect(await main(['node', 'ksql-etl', 'status', '--from', 'yesterday'])).toBe(2);
      expect(await main(['node', 'ksql-etl', 'status', 'nosuchfeed'])).toBe(2);
    });
  });
});
