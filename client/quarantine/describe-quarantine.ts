import type { QuarantineGroup } from '../../lake/index.js';
import { formatTable } from '../common/format-table.js';

/** Reasons quote the value they refused; the table cuts them so one stays on one line. */
const REASON_CHARS = 90;

/** One row per (feed, window or version, reason), with the window's slots that set rows aside. */
export function describeQuarantine(groups: readonly QuarantineGroup[]): string[] {
  if (groups.length === 0) return ['nothing quarantined'];
  return formatTable(groups.flatMap((g) => g.reasons.map((r, i) => ({
    feed: g.feed,
    'window or version': g.window ? `[${g.window.start}, ${g.window.end})` : `version ${g.version}`,
    slots: i > 0 ? '' : g.slots.map((s) => `${s.slot.slice(11, 16)}:${s.quarantined}`).join(' ') || '-',
    rows: r.rows,
    reason: r.reason.length > REASON_CHARS ? `${r.reason.slice(0, REASON_CHARS)}…` : r.reason,
  }))), '');
}
