import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../helpers/browser.js';
import { withTempDir } from '../helpers/services.js';

// The tests' tsconfig has no DOM library: page-side values are typed by hand.

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A small static report: a table of rows and an inline SVG bar per row, as a lake report might show. */
function reportPage(rows: Array<{ day: string; n: number }>): string {
  const bars = rows.map((r, i) => `<rect x="0" y="${i * 24}" width="${r.n * 40}" height="20" fill="steelblue"><title>${r.day}</title></rect>`).join('');
  const cells = rows.map((r) => `<tr><td>${r.day}</td><td>${r.n}</td></tr>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>rows per day</title></head><body>
<table id="rows"><thead><tr><th>day</th><th>n</th></tr></thead><tbody>${cells}</tbody></table>
<svg id="bars" xmlns="http://www.w3.org/2000/svg" width="400" height="${rows.length * 24}">${bars}</svg>
</body></html>`;
}

describe('browser test helper', () => {
  it('renders a static page in headless Chromium: no console or page errors, a PNG screenshot', async () => {
    await withTempDir('browser', async (dir) => {
      const html = join(dir, 'report.html');
      await writeFile(html, reportPage([{ day: '2026-11-24', n: 2 }, { day: '2026-11-25', n: 5 }]));
      const rendered = await renderPage(html, {
        screenshot: join(dir, 'report.png'),
        inspect: async (page) => ({
          title: await page.title(),
          cells: await page.locator('#rows tbody td').allTextContents(),
          barWidths: await page.locator('#bars rect').evaluateAll((rects) => rects.map((r) => (r as unknown as { getBBox(): { width: number } }).getBBox().width)),
        }),
      });
      expect(rendered.consoleErrors).toEqual([]);
      expect(rendered.pageErrors).toEqual([]);
      expect(rendered.inspected).toEqual({ title: 'rows per day', cells: ['2026-11-24', '2', '2026-11-25', '5'], barWidths: [80, 200] });
      const png = await readFile(rendered.screenshot);
      expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
      expect(png.length).toBeGreaterThan(1000);
    });
  });

  it('collects console errors, failed loads and uncaught exceptions', async () => {
    await withTempDir('browser', async (dir) => {
      const html = join(dir, 'broken.html');
      await writeFile(html, `<!doctype html><html><body><img src="missing.png">
<script>console.error('boom'); setTimeout(() => { throw new Error('kaput'); });</script></body></html>`);
      const rendered = await renderPage(html, { screenshot: join(dir, 'broken.png'), inspect: (page) => page.waitForTimeout(200) });
      expect(rendered.consoleErrors).toContain('boom');
      expect(rendered.consoleErrors.some((e) => /ERR_FILE_NOT_FOUND|Failed to load resource/.test(e))).toBe(true);
      expect(rendered.pageErrors).toEqual(['kaput']);
    });
  });
});
