import type { FeedStatus, LakeStatus } from '../../lake/index.js';
import { escapeHtml } from './escape-html.js';
import { reportCharts } from './report-charts.js';
import { gridLegend, statusGrid } from './status-grid.js';

/** Runs listed in the page, newest first, over every feed. */
const LATEST_RUNS = 20;

/** Inline, so the page opens from a file or a mail attachment with no network. */
const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #222; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; } h3 { font-size: 15px; margin: 16px 0 6px; }
small, .meta, .counts { color: #666; font-weight: normal; }
.bad { color: #b3261e; } .ok { color: #1e7b34; } .none { color: #888; font-style: italic; }
.grid-line { display: flex; align-items: center; gap: 2px; margin: 2px 0; }
.grid-day { width: 130px; font-family: monospace; font-size: 12px; color: #555; }
.slot { display: inline-block; width: 14px; height: 14px; border-radius: 2px; border: 1px solid transparent; box-sizing: border-box; vertical-align: middle; }
.slot-done { background: #2e9d4b; } .slot-empty { background: #b8dfc1; } .slot-late { background: #3b73c4; }
.slot-failed { background: #d6382e; } .slot-missing { background: #f2a531; } .slot-pending { background: #fff; border-color: #bbb; }
.legend-item { margin-right: 12px; } .legend-item .slot { margin-right: 4px; }
table { border-collapse: collapse; margin: 6px 0; } th, td { padding: 3px 8px; border-bottom: 1px solid #e4e4e4; text-align: left; }
td.at { white-space: nowrap; } td.num { text-align: right; font-variant-numeric: tabular-nums; } tr.current td { font-weight: 600; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; } figure.chart { margin: 0; } figcaption { font-size: 13px; color: #444; }
.bar { fill: #3b73c4; } .bar.bad { fill: #d6382e; } .axis { stroke: #999; }
.label, .tick { font-size: 10px; fill: #666; } .label { text-anchor: middle; } .tick { text-anchor: end; }
`;

/** The whole report: one self-contained HTML page (inline CSS and SVG, no script, no fetch). */
export function reportPage(status: LakeStatus): string {
  const verdict = status.healthy
    ? '<p class="ok">healthy: no missing or failed slot, no stale feed</p>'
    : `<p class="bad">${status.problems.length} problem(s)</p><ul class="problems">${status.problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ksql-etl report ${escapeHtml(status.range.from)} .. ${escapeHtml(status.range.to)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>ksql-etl lake report</h1>
<p class="meta">${escapeHtml(status.range.from)} .. ${escapeHtml(status.range.to)}, generated ${escapeHtml(status.generatedAt)}</p>
${verdict}
<h2>Status</h2>
${gridLegend()}
${statusGrid(status.feeds)}
<h2>Charts</h2>
${status.feeds.length ? reportCharts(status.feeds) : '<p class="none">no feeds</p>'}
<h2>Latest runs</h2>
${latestRuns(status.feeds)}
</body>
</html>
`;
}

function latestRuns(feeds: readonly FeedStatus[]): string {
  const runs = feeds.flatMap((f) => f.latestRuns).sort((a, b) => b.finishedAt.localeCompare(a.finishedAt)).slice(0, LATEST_RUNS);
  if (runs.length === 0) return '<p class="none">no runs recorded</p>';
  const rows = runs.map((r) => {
    const what = r.window ? `${r.window.start} .. ${r.window.end}` : r.version !== null ? `version ${r.version}` : '';
    const outcome = r.outcome === 'failed' ? `<span class="bad">failed: ${escapeHtml(`${r.error?.type ?? ''}: ${r.error?.message ?? ''}`)}</span>` : 'succeeded';
    return `<tr class="run run-${r.outcome}"><td class="at">${escapeHtml(r.finishedAt.replace('T', ' '))}</td><td>${escapeHtml(r.feed)}</td><td>${escapeHtml(what)}</td><td class="num">${r.rows}</td>` +
      `<td class="num">${r.quarantined}</td><td class="num">${r.durationMs}</td><td>${outcome}</td><td>${escapeHtml(r.workflowId)}</td></tr>`;
  });
  return `<table><thead><tr><th>finished</th><th>feed</th><th>window or version</th><th>rows</th><th>quarantined</th><th>ms</th><th>outcome</th><th>workflow</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
