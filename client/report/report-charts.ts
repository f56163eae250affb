import type { FeedStatus, SlotStatus } from '../../lake/index.js';
import { escapeHtml } from './escape-html.js';

export interface Bar {
  label: string;
  value: number;
  /** a tone class for the bar (`bad` draws it red) */
  tone?: 'bad';
}

const BAR = 28;
const GAP = 8;
const PLOT = 120;
const AXIS = 28;
/** Labels under at most this many bars, evenly spread: a month of days stays readable. */
const LABELS = 16;

/**
 * Per feed: rows per UTC day and quarantined rows per day (streams), rows and quarantined per
 * version (tables), and export durations of its latest runs. Hand-written SVG bars, no script.
 */
export function reportCharts(feeds: readonly FeedStatus[]): string {
  return feeds.map((feed) => {
    const charts = feed.kind === 'stream'
      ? [barChart(`${feed.feed}: rows per day`, perDay(feed.slots, (s) => s.rows)), barChart(`${feed.feed}: quarantined rows per day`, perDay(feed.slots, (s) => s.quarantined))]
      : [
          barChart(`${feed.feed}: rows per version`, [...feed.versions].reverse().map((v) => ({ label: `v${v.version}`, value: v.rows }))),
          barChart(`${feed.feed}: quarantined rows per version`, [...feed.versions].reverse().map((v) => ({ label: `v${v.version}`, value: v.quarantined }))),
        ];
    const runs = feed.latestRuns.map((r): Bar => ({ label: r.finishedAt.slice(5, 16).replace('T', ' '), value: r.durationMs, ...(r.outcome === 'failed' ? { tone: 'bad' as const } : {}) }));
    charts.push(barChart(`${feed.feed}: export durations (ms), latest runs`, runs));
    return `<div class="charts" data-feed="${escapeHtml(feed.feed)}">${charts.join('')}</div>`;
  }).join('\n');
}

/** Sums a slot number per UTC day, days in slot order; a day whose slots hold nothing counts 0. */
export function perDay(slots: readonly SlotStatus[], value: (slot: SlotStatus) => number | null): Bar[] {
  const days = new Map<string, number>();
  for (const slot of slots) {
    const day = slot.start.slice(0, 10);
    days.set(day, (days.get(day) ?? 0) + (value(slot) ?? 0));
  }
  return [...days].map(([label, n]) => ({ label, value: n }));
}

/** One SVG bar chart with a title, the maximum on the axis, a tooltip per bar. */
export function barChart(title: string, bars: readonly Bar[]): string {
  const caption = `<figcaption>${escapeHtml(title)}</figcaption>`;
  if (bars.length === 0) return `<figure class="chart">${caption}<p class="none">no data</p></figure>`;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const width = bars.length * (BAR + GAP) + GAP + 40;
  const every = Math.ceil(bars.length / LABELS);
  const rects = bars.map((bar, i) => {
    const h = Math.round((bar.value / max) * PLOT);
    const x = 40 + GAP + i * (BAR + GAP);
    const label = i % every === 0 ? `<text x="${x + BAR / 2}" y="${PLOT + 14}" class="label">${escapeHtml(bar.label.slice(-5))}</text>` : '';
    return `<g><rect x="${x}" y="${PLOT - h}" width="${BAR}" height="${h}" class="bar${bar.tone ? ` ${bar.tone}` : ''}"><title>${escapeHtml(`${bar.label}: ${bar.value}`)}</title></rect>${label}</g>`;
  });
  const axis = `<line x1="40" y1="${PLOT}" x2="${width}" y2="${PLOT}" class="axis"/><text x="36" y="10" class="tick">${max}</text><text x="36" y="${PLOT}" class="tick">0</text>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${PLOT + AXIS}" viewBox="0 0 ${width} ${PLOT + AXIS}"><title>${escapeHtml(title)}</title>${axis}${rects.join('')}</svg>`;
  return `<figure class="chart">${caption}${svg}</figure>`;
}
