import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../client/report/escape-html.js';
import { barChart } from '../../../client/report/report-charts.js';
import { reportPage } from '../../../client/report/report-page.js';
import { type LakeStatus, lakeStatusSchema, type StreamFeedStatus } from '../../../lake/index.js';

const freshness = { newest: null, lagMs: null, maxLagMs: null, stale: false };
const emptyStream: StreamFeedStatus = {
  feed: '<script>alert(1)</script>', kind: 'stream', source: 'A&B', slotMs: 3_600_000, schemaId: null,
  range: { from: '2026-11-24T00:00:00.000Z', to: '2026-11-24T00:00:00.000Z' }, slots: [],
  counts: { done: 0, empty: 0, late: 0, failed: 0, missing: 0, pending: 0 }, freshness, latestRuns: [],
};
const status: LakeStatus = lakeStatusSchema.parse({
  generatedAt: '2026-11-24T00:00:00.000Z', range: { from: '2026-11-23T00:00:00.000Z', to: '2026-11-24T00:00:00.000Z' },
  feeds: [emptyStream], problems: ['feed "x" <b>missing</b> & late'], healthy: false,
});

describe('report page', () => {
  it('escapes every text it places: feed ids, sources, problems', () => {
    const html = reportPage(status);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>missing</b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('stream of A&amp;B');
    expect(html).toContain('feed &quot;x&quot; &lt;b&gt;missing&lt;/b&gt; &amp; late');
    expect(escapeHtml(`'"<>&`)).toBe('&#39;&quot;&lt;&gt;&amp;');
  });

  it('a feed with no slots: says so, draws no cell, and its charts say no data', () => {
    const html = reportPage(status);
    expect(html).toContain('no slots in range');
    expect(html).not.toMatch(/class="slot slot-\w+" title=/);
    expect(html.match(/no data/g)).toHaveLength(3);
    expect(html).toContain('no runs recorded');
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
  });

  it('draws bars in proportion to the largest, a failed run in the bad tone', () => {
    const svg = barChart('t', [{ label: '2026-11-24', value: 50 }, { label: '2026-11-25', value: 100, tone: 'bad' }]);
    expect(svg.match(/<rect [^>]*height="(\d+)"/g)!.map((r) => /height="(\d+)"/.exec(r)![1])).toEqual(['60', '120']);
    expect(svg).toContain('class="bar bad"');
    expect(svg).toContain('<title>2026-11-25: 100</title>');
  });
});
