import type { SlotRange } from '../config/slot-range.js';
import type { Lake } from '../lake/lake.js';
import type { SlotEntry } from '../lake/feed-metadata.js';
import { streamQuarantineKey } from '../lake/lake-paths.js';
import type { ExportStreamSlotsResult } from './export-stream-slots.js';
import type { RunCounts } from './recorded-run.js';

/**
 * What an earlier attempt of the same workflow run committed for the range, when the lake's
 * metadata credits every slot of it to that run; null otherwise. An attempt can die after its
 * commit and before Temporal hears it finished: its retry answers from the metadata rather than
 * pull and write the finished slots again (their files and `exportedAt` keep their identity).
 */
export async function committedByRun(lake: Pick<Lake, 'describeFeed'>, range: SlotRange, runId: string): Promise<{ result: ExportStreamSlotsResult; counts: RunCounts } | null> {
  const metadata = await lake.describeFeed(range.feed);
  if (metadata?.kind !== 'stream') return null;
  const [startMs, endMs] = [Date.parse(range.start), Date.parse(range.end)];
  const entries: SlotEntry[] = [];
  for (let slot = startMs; slot < endMs; slot += range.slotMs) {
    const entry = metadata.slots[new Date(slot).toISOString()];
    if (entry?.runId !== runId) return null;
    entries.push(entry);
  }
  const sum = (pick: (e: SlotEntry) => number) => entries.reduce((n, e) => n + pick(e), 0);
  const quarantined = sum((e) => e.quarantined);
  return {
    result: { slotRows: entries.map((e) => e.rows), quarantined, quarantineFile: quarantined > 0 ? streamQuarantineKey(range.feed, startMs, endMs) : null },
    counts: { rows: sum((e) => e.rows), quarantined, bytes: sum((e) => e.bytes), version: null },
  };
}
