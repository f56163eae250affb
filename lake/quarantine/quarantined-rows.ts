import { createInterface } from 'node:readline';
import { parse } from 'lossless-json';
import { parseKsqlType } from '../../ksqldb/ksql-type.js';
import { checkSourceRow } from '../encoding/check-source-row.js';
import { readFeedMetadata, type FeedMetadata } from '../metadata/feed-metadata.js';
import { metadataKey, parseQuarantineName, QUARANTINE_ROOT, quarantineKey, streamQuarantineKey } from '../common/lake-paths.js';
import type { LakeColumn } from '../encoding/row-encoder.js';
import type { ObjectStore } from '../storage/object-store.js';

/** One quarantine object: the rows one export (a stream window or a table version) set aside. */
export interface QuarantineGroup {
  feed: string;
  kind: 'stream' | 'table';
  /** stream: the slot range `[start, end)` the export covered; null for a table */
  window: { start: string; end: string } | null;
  /** table: the version the export published; null for a stream */
  version: number | null;
  rows: number;
  /** most frequent first */
  reasons: Array<{ reason: string; rows: number }>;
  /** stream: the window's slots that set rows aside, by the metadata's per-slot counts */
  slots: Array<{ slot: string; quarantined: number }>;
}

export interface QuarantinedRow {
  reason: string;
  /** the row as the source sent it */
  raw: string;
}

/** The quarantine objects of one feed (or of every feed), read whole, oldest window first. */
export async function listQuarantine(store: ObjectStore, feedId?: string): Promise<QuarantineGroup[]> {
  const groups: QuarantineGroup[] = [];
  const metadata = new Map<string, FeedMetadata | null>();
  for await (const { key } of store.list(feedId ? quarantineKey(feedId, '') : QUARANTINE_ROOT)) {
    const [feed, name, ...deeper] = key.slice(QUARANTINE_ROOT.length).split('/');
    const parsed = name && deeper.length === 0 ? parseQuarantineName(name) : null;
    if (!feed || !parsed) continue;
    if (!metadata.has(feed)) metadata.set(feed, await readFeedMetadata(store, metadataKey(parsed.kind, feed)));
    const rows = await readQuarantineObject(store, key);
    const window = parsed.kind === 'stream' ? { start: parsed.start, end: parsed.end } : null;
    groups.push({
      feed,
      kind: parsed.kind,
      window,
      version: parsed.kind === 'table' ? parsed.version : null,
      rows: rows.length,
      reasons: countReasons(rows),
      slots: window ? slotsWithin(metadata.get(feed) ?? null, window) : [],
    });
  }
  return groups.sort((a, b) => a.feed.localeCompare(b.feed) || (a.window?.start ?? '').localeCompare(b.window?.start ?? '') || (a.version ?? 0) - (b.version ?? 0));
}

/** The rows a stream export of `[start, end)` set aside; empty when it set none aside. */
export async function streamQuarantinedRows(store: ObjectStore, feedId: string, window: { start: string; end: string }): Promise<QuarantinedRow[]> {
  const key = streamQuarantineKey(feedId, Date.parse(window.start), Date.parse(window.end));
  return (await store.head(key)) ? readQuarantineObject(store, key) : [];
}

/**
 * Which of a stream window's quarantined rows the feed's schema as the lake now records it
 * (`_metadata.json` columns) would accept: the same checks as an export (lake/encoding/row-encoder.ts, ROWTIME
 * inside the window). A row the source could not even decode stays bad.
 */
export async function revalidateStreamRows(store: ObjectStore, feedId: string, window: { start: string; end: string }, rows: readonly QuarantinedRow[]): Promise<{ valid: number; bad: number }> {
  const metadata = await readFeedMetadata(store, metadataKey('stream', feedId));
  if (!metadata) return { valid: 0, bad: rows.length };
  const columns: LakeColumn[] = metadata.columns.map((c) => ({ ksqlName: c.name.toUpperCase(), name: c.name, type: parseKsqlType(c.type) }));
  const [startMs, endMs] = [Date.parse(window.start), Date.parse(window.end)];
  const inWindow = (values: Record<string, unknown>) => {
    const rowtime = Number(values.rowtime);
    return rowtime >= startMs && rowtime < endMs ? null : 'ROWTIME outside the window';
  };
  let valid = 0;
  for (const row of rows) {
    let values: unknown;
    try {
      values = parse(row.raw);
    } catch {
      continue;
    }
    if (Array.isArray(values) && checkSourceRow(columns, { kind: 'row', values }, inWindow).ok) valid++;
  }
  return { valid, bad: rows.length - valid };
}

async function readQuarantineObject(store: ObjectStore, key: string): Promise<QuarantinedRow[]> {
  const rows: QuarantinedRow[] = [];
  for await (const line of createInterface({ input: await store.get(key), crlfDelay: Infinity })) {
    if (line !== '') rows.push(JSON.parse(line) as QuarantinedRow);
  }
  return rows;
}

function countReasons(rows: readonly QuarantinedRow[]): QuarantineGroup['reasons'] {
  const counts = new Map<string, number>();
  for (const { reason } of rows) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts].map(([reason, n]) => ({ reason, rows: n })).sort((a, b) => b.rows - a.rows || a.reason.localeCompare(b.reason));
}

function slotsWithin(metadata: FeedMetadata | null, window: { start: string; end: string }): QuarantineGroup['slots'] {
  if (metadata?.kind !== 'stream') return [];
  return Object.values(metadata.slots)
    .filter((s) => s.quarantined > 0 && s.start >= window.start && s.start < window.end)
    .map((s) => ({ slot: s.start, quarantined: s.quarantined }))
    .sort((a, b) => a.slot.localeCompare(b.slot));
}
