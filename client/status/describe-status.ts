import { formatDuration, type LakeStatus, type SlotState, type SlotStatus, type StreamFeedStatus, type TableFeedStatus } from '../../lake/index.js';

const MARK: Record<SlotState, string> = { done: '#', empty: '.', late: '+', failed: 'F', missing: '?', pending: ' ' };
const LEGEND = '# done  . empty  + late  F failed  ? missing  (blank) pending';
/** Slots per grid line at most: a day of hourly slots fits, finer slots wrap. */
const LINE_SLOTS = 48;

/** The status as text for a terminal: one grid line per day of slots, then versions, then problems. */
export function describeStatus(status: LakeStatus): string[] {
  const lines = [`status ${status.range.from} .. ${status.range.to} (at ${status.generatedAt})`, `  ${LEGEND}`];
  for (const feed of status.feeds) lines.push('', ...(feed.kind === 'stream' ? describeStream(feed) : describeTable(feed)));
  lines.push('', status.healthy ? 'healthy: no missing or failed slot, no stale feed' : `${status.problems.length} problem(s):`);
  lines.push(...status.problems.map((p) => `  ${p}`));
  return lines;
}

function describeStream(feed: StreamFeedStatus): string[] {
  const { freshness, counts } = feed;
  const lines = [`${feed.feed}  stream of ${feed.source}, ${formatDuration(feed.slotMs)} slots, schema ${feed.schemaId ?? '-'}`];
  for (const row of gridRows(feed.slots)) lines.push(`  ${row[0]!.start.slice(0, 16).replace('T', ' ')}  ${row.map((s) => MARK[s.state]).join('')}`);
  lines.push(`  ${Object.entries(counts).map(([state, n]) => `${state} ${n}`).join(' · ')}`);
  const rows = feed.slots.reduce((sum, s) => sum + (s.rows ?? 0), 0);
  lines.push(`  ${rows} rows in range; ${freshnessLine(freshness, 'newest slot ended')}`);
  for (const s of feed.slots.filter((x) => x.state === 'failed')) lines.push(`  failed ${s.start}: ${s.failure?.type}: ${s.failure?.message} (${s.failure?.workflowId})`);
  for (const s of feed.slots.filter((x) => x.state === 'late')) lines.push(`  late ${s.start}: ${s.previousRows} → ${s.rows} rows`);
  return lines;
}

function describeTable(feed: TableFeedStatus): string[] {
  const lines = [`${feed.feed}  table ${feed.source}, keep ${feed.keepVersions}, schema ${feed.schemaId ?? '-'}`];
  for (const v of feed.versions) {
    const marks = [v.current ? 'current' : '', v.inWarehouse ? 'in warehouse' : ''].filter(Boolean).join(', ');
    lines.push(`  version ${v.version}${marks ? ` (${marks})` : ''}: ${v.rows} rows, ${v.bytes} bytes, published ${v.publishedAt}, ${formatDuration(v.ageMs)} ago`);
  }
  if (feed.warehouse) lines.push(`  warehouse: current ${feed.warehouse.current ?? 'none'}, holds ${feed.warehouse.versions.join(', ') || 'nothing'}`);
  const last = feed.rollbacks.at(-1);
  if (last) lines.push(`  rolled back ${last.from ?? '-'} → ${last.to} by ${last.by} at ${last.at}`);
  lines.push(`  ${freshnessLine(feed.freshness, 'newest version published')}`);
  return lines;
}

function freshnessLine(f: LakeStatus['feeds'][number]['freshness'], what: string): string {
  if (f.newest === null) return 'nothing exported yet';
  const bound = f.maxLagMs === null ? 'no max lag' : `max lag ${formatDuration(f.maxLagMs)}`;
  return `${f.stale ? 'STALE' : 'fresh'}: ${what} ${formatDuration(f.lagMs!)} ago (${bound})`;
}

/** Slots cut into lines at each UTC day and at LINE_SLOTS (the text grid and the HTML report's). */
export function gridRows(slots: readonly SlotStatus[]): SlotStatus[][] {
  const rows: SlotStatus[][] = [];
  for (const slot of slots) {
    const row = rows.at(-1);
    if (row && row.length < LINE_SLOTS && row[0]!.start.slice(0, 10) === slot.start.slice(0, 10)) row.push(slot);
    else rows.push([slot]);
  }
  return rows;
}
