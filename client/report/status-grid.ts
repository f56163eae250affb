import { type FeedStatus, formatDuration, slotStateSchema, type SlotStatus, type StreamFeedStatus, type TableFeedStatus } from '../../lake/index.js';
import { gridRows } from '../status/describe-status.js';
import { escapeHtml } from './escape-html.js';

/**
 * The status grid as HTML: per stream feed one line of coloured cells per UTC day (class
 * `slot slot-<state>`, a tooltip with the slot's numbers), per table feed its versions with the
 * current one and what the warehouse holds. The colours live in the page's style sheet.
 */
export function statusGrid(feeds: readonly FeedStatus[]): string {
  if (feeds.length === 0) return '<p class="none">no feeds</p>';
  return feeds.map((feed) => (feed.kind === 'stream' ? streamGrid(feed) : tableVersions(feed))).join('\n');
}

export function gridLegend(): string {
  const items = slotStateSchema.options.map((state) => `<span class="legend-item"><span class="slot slot-${state}"></span>${state}</span>`);
  return `<p class="legend">${items.join(' ')}</p>`;
}

function streamGrid(feed: StreamFeedStatus): string {
  const head = `<h3>${escapeHtml(feed.feed)} <small>stream of ${escapeHtml(feed.source)}, ${escapeHtml(formatDuration(feed.slotMs))} slots</small></h3>`;
  if (feed.slots.length === 0) return `<section class="feed" data-feed="${escapeHtml(feed.feed)}">${head}<p class="none">no slots in range</p></section>`;
  const lines = gridRows(feed.slots).map((row) =>
    `<div class="grid-line"><span class="grid-day">${escapeHtml(row[0]!.start.slice(0, 16).replace('T', ' '))}</span>${row.map(slotCell).join('')}</div>`);
  const counts = Object.entries(feed.counts).map(([state, n]) => `${escapeHtml(state)} ${n}`).join(' · ');
  return `<section class="feed" data-feed="${escapeHtml(feed.feed)}">${head}<div class="grid">${lines.join('')}</div><p class="counts">${counts}; ${freshness(feed)}</p></section>`;
}

function slotCell(slot: SlotStatus): string {
  const facts = [`${slot.start} ${slot.state}`];
  if (slot.rows !== null) facts.push(`${slot.rows} rows`);
  if (slot.previousRows !== null && slot.state === 'late') facts.push(`before: ${slot.previousRows}`);
  if (slot.quarantined) facts.push(`${slot.quarantined} quarantined`);
  if (slot.durationMs !== null) facts.push(`${slot.durationMs} ms`);
  if (slot.failure) facts.push(`${slot.failure.type}: ${slot.failure.message}`);
  return `<span class="slot slot-${slot.state}" title="${escapeHtml(facts.join(', '))}"></span>`;
}

function tableVersions(feed: TableFeedStatus): string {
  const head = `<h3>${escapeHtml(feed.feed)} <small>table ${escapeHtml(feed.source)}, keeps ${feed.keepVersions}</small></h3>`;
  const warehouse = feed.warehouse
    ? `<p>warehouse: current ${escapeHtml(feed.warehouse.current ?? 'none')}, holds ${escapeHtml(feed.warehouse.versions.join(', ') || 'nothing')}</p>`
    : '<p>no warehouse target</p>';
  const failed = feed.lastRunFailed ? '<p class="bad">the latest export failed</p>' : '';
  if (feed.versions.length === 0) return `<section class="feed" data-feed="${escapeHtml(feed.feed)}">${head}<p class="none">no versions</p>${warehouse}${failed}</section>`;
  const rows = feed.versions.map((v) =>
    `<tr class="version${v.current ? ' current' : ''}"><td>${v.version}</td><td>${v.current ? 'current' : ''}</td><td>${v.inWarehouse ? 'in warehouse' : ''}</td>` +
    `<td class="num">${v.rows}</td><td class="num">${v.quarantined}</td><td class="num">${v.bytes}</td><td>${escapeHtml(v.publishedAt)}</td><td>${escapeHtml(formatDuration(v.ageMs))}</td></tr>`);
  const table = `<table><thead><tr><th>version</th><th></th><th></th><th>rows</th><th>quarantined</th><th>bytes</th><th>published</th><th>age</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  return `<section class="feed" data-feed="${escapeHtml(feed.feed)}">${head}${table}${warehouse}${failed}<p class="counts">${freshness(feed)}</p></section>`;
}

function freshness(feed: FeedStatus): string {
  const f = feed.freshness;
  if (f.newest === null) return 'nothing exported yet';
  const text = `newest ${f.newest}, ${formatDuration(f.lagMs ?? 0)} ago`;
  return f.stale ? `<span class="bad">stale: ${escapeHtml(text)}</span>` : escapeHtml(text);
}
