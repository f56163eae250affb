import { readFile, stat, writeFile } from 'node:fs/promises';
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
import { Lake, toLakeColumns } from '../../lake/index.js';
import { renderPage } from '../helpers/browser.js';
import { fromArray, STREAM_COLUMNS, streamRow } from '../helpers/lake-fixtures.js';
import { withTempDir } from '../helpers/services.js';
import { withTestWarehouse } from '../helpers/test-warehouse.js';

// The tests' tsconfig has no DOM library: page-side values are typed by hand.

const HOUR = 3_600_000;
/** 20:00 on 2026-11-24: the eight hourly slots of the range span two UTC days (two grid lines). */
const T0 = Date.parse('2026-11-24T20:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const clicks = streamFeedSchema.parse({ id: 'clicks', kind: 'stream', source: 'CLICKS', slot: '1h' });
const totals = tableFeedSchema.parse({ id: 'totals', kind: 'table', source: 'TOTALS', keepVersions: 5, warehouse: { fact: 'fact_totals' } });
const tableColumns = toLakeColumns([{ name: 'K', type: parseKsqlType('STRING') }, { name: 'N', type: parseKsqlType('BIGINT') }]);

/**
 * clicks over [T0, T0+8h): done, empty, failed (an attempt that threw), missing (never exported),
 * then four done; totals: three versions, 1 and 2 loaded into the warehouse, 2 served there.
 */
async function prepareLake(root: string): Promise<void> {
  const lake = await Lake.open(root);
  try {
    const write = (fromMs: number, toMs: number, hours: number[], runId: string) =>
      recordedRun(lake, { feed: 'clicks', kind: 'stream', workflowId: `export:clicks:${iso(fromMs)}`, runId, attempt: 1, window: { start: iso(fromMs), end: iso(toMs) } }, async () => {
        const written = await lake.writeStreamSlots({
          feed: clicks, range: slotRange(clicks, iso(fromMs), iso(toMs)), columns: STREAM_COLUMNS,
          rows: fromArray(hours.map((h, i) => streamRow(T0 + h * HOUR + i, `c${h}-${i}`, h))), runId,
        });
        return { result: written, counts: { rows: hours.length, quarantined: 0, bytes: 1, version: null } };
      });
    await write(T0, T0 + 2 * HOUR, [0, 0, 0], 'r1'); // T0: 3 rows, T0+1h: empty
    await expect(recordedRun(lake, { feed: 'clicks', kind: 'stream', workflowId: `export:clicks:${iso(T0 + 2 * HOUR)}`, runId: 'r2', attempt: 1, window: { start: iso(T0 + 2 * HOUR), end: iso(T0 + 3 * HOUR) } }, async () => {
      throw Object.assign(new Error('connection <refused>'), { name: 'KsqlUnavailableError' });
    })).rejects.toThrow('connection <refused>');
    // T0+3h is never exported: missing
    await write(T0 + 4 * HOUR, T0 + 8 * HOUR, [4, 5, 5, 6, 7, 7, 7], 'r3');
    for (const v of [1, 2, 3]) {
      const rows = fromArray(Array.from({ length: v * 2 }, (_, i) => ({ kind: 'row' as const, values: [`k${i}`, new LosslessNumber(String(i))] })));
      await recordedRun(lake, { feed: 'totals', kind: 'table', workflowId: `snapshot:totals:${v}`, runId: `t${v}`, attempt: 1, window: null }, async () => {
        await lake.writeTableSnapshot({ feed: totals, columns: tableColumns, rows, runId: `t${v}` });
        return { result: null, counts: { rows: v * 2, quarantined: 0, bytes: 1, version: v } };
      });
    }
  } finally {
    lake.close();
  }
}

describe('report', () => {
  afterEach(() => vi.restoreAllMocks());

  it('exit 2 without --html, for a bad instant or an unknown feed, writing nothing', async () => {
    await withTempDir('report', async (dir) => {
      vi.spyOn(console, 'error').mockImplementation(() => undefined);
      Object.assign(process.env, { LAKE_DIR: join(dir, 'lake'), FEEDS_DIR: dir });
      const html = join(dir, 'report.html');
      expect(await main(['node', 'ksql-etl', 'report'])).toBe(2);
      expect(await main(['node', 'ksql-etl', 'report', '--html', html, '--from', 'yesterday'])).toBe(2);
      expect(await main(['node', 'ksql-etl', 'report', 'nosuchfeed', '--html', html])).toBe(2);
      await expect(stat(html)).rejects.toThrow('ENOENT');
    });
  });

  it('writes one self-contained page that Chromium renders with no error, its grid showing the lake\'s slot states', async () => {
    await withTestWarehouse('report', async (warehouse, mysqlUrl) => {
      await withTempDir('report', async (dir) => {
        const root = join(dir, 'lake');
        for (const feed of [clicks, totals]) await writeFile(join(dir, `${feed.id}.json`), JSON.stringify(feed));
        await prepareLake(root);
        await warehouse.query(
          "INSERT INTO etl_snapshot_loads (feed, snapshot_version, fact_table, status, row_count, lake_checksum, started_at) VALUES " +
            "('totals', 1, 'fact_totals', 'loaded', 2, 'x', NOW(3)), ('totals', 2, 'fact_totals', 'loaded', 4, 'x', NOW(3))",
        );
        await warehouse.query("INSERT INTO etl_current_versions (fact_table, feed, snapshot_version) VALUES ('fact_totals', 'totals', 2)");

        const html = join(dir, 'out', 'report.html');
        const lines: string[] = [];
        const env = { LAKE_DIR: root, FEEDS_DIR: dir, MYSQL_URL: mysqlUrl };
        const deps: CliDeps = { settings: (pieces) => readSettings(env, pieces), processEnv: {}, out: (l) => lines.push(l), now: () => Date.now(), note: () => {} };
        // The range has a failed and a missing slot: the report shows them and the command still succeeds.
        await buildProgram(deps).exitOverride().parseAsync(['report', '--html', html, '--from', iso(T0), '--to', iso(T0 + 8 * HOUR)], { from: 'user' });
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(/ \(\d problem\(s\)\)$/);
        expect(lines[0]!.startsWith(`report: ${html} `)).toBe(true);
        expect((await stat(html)).size).toBeGreaterThan(0);
        const text = await readFile(html, 'utf8');
        expect(text).not.toMatch(/<script|<link|src=|url\(|https?:\/\/(?!www\.w3\.org\/2000\/svg)/i);
        expect(text).toContain('KsqlUnavailableError: connection &lt;refused&gt;');

        const rendered = await renderPage(html, {
          screenshot: join(dir, 'report.png'),
          viewport: { width: 1200, height: 900 },
          inspect: async (page) => ({
            states: await page.locator('[data-feed="clicks"] .grid .slot').evaluateAll((cells) => cells.map((c) => (c as unknown as { className: string }).className)),
            gridLines: await page.locator('[data-feed="clicks"] .grid-line').count(),
            versions: await page.locator('section[data-feed="totals"] tr.version').allTextContents(),
            warehouse: await page.locator('section[data-feed="totals"] p').first().textContent(),
            problems: await page.locator('ul.problems li').allTextContents(),
            charts: await page.locator('figure.chart svg').count(),
            bars: await page.locator('[data-feed="clicks"] figure.chart').first().locator('rect title').allTextContents(),
            runs: await page.locator('tr.run').count(),
            failedRuns: await page.locator('tr.run-failed').count(),
          }),
        });
        expect(rendered.consoleErrors).toEqual([]);
        expect(rendered.pageErrors).toEqual([]);
        const page = rendered.inspected;
        expect(page.states.map((c) => c.replace('slot slot-', ''))).toEqual(['done', 'empty', 'failed', 'missing', 'done', 'done', 'done', 'done']);
        const count = (state: string) => page.states.filter((c) => c === `slot slot-${state}`).length;
        expect([count('done'), count('empty'), count('failed'), count('missing')]).toEqual([5, 1, 1, 1]);
        expect(page.gridLines).toBe(2);
        expect(page.versions.map((v) => v.split('current')[0]!.slice(0, 1))).toEqual(['3', '2', '1']);
        expect(page.versions[0]).toMatch(/^3current/);
        expect(page.versions.slice(1).every((v) => v.includes('in warehouse'))).toBe(true);
        expect(page.warehouse).toBe('warehouse: current 2, holds 1, 2');
        expect(page.problems).toEqual(expect.arrayContaining([
          'clicks: 1 missing slot(s), first 2026-11-24T23:00:00.000Z',
          'clicks: 1 failed slot(s), first 2026-11-24T22:00:00.000Z (KsqlUnavailableError: connection <refused>)',
        ]));
        // rows per day: 3 + 0 on the 24th, 0 + 3 + 4 (T0+4h..T0+7h minus one) on the 25th
        expect(page.bars).toEqual(['2026-11-24: 3', '2026-11-25: 7']);
        expect(page.charts).toBe(6);
        expect([page.runs, page.failedRuns]).toEqual([6, 1]);
        const png = await readFile(rendered.screenshot);
        expect(png.subarray(1, 4).toString()).toBe('PNG');
        if (process.env.REPORT_SCREENSHOT) await writeFile(process.env.REPORT_SCREENSHOT, png);
      });
    });
  });
});
