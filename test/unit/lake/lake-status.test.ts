import { describe, expect, it } from 'vitest';
import { streamFeedSchema, tableFeedSchema } from '../../../config/feed-schema.js';
import type { SlotEntry, StreamMetadata, TableMetadata } from '../../../lake/metadata/feed-metadata.js';
import { formatDuration, lakeStatus } from '../../../lake/status/lake-status.js';
import type { RunRecord } from '../../../lake/metadata/run-log.js';
import { lakeStatusSchema } from '../../../lake/status/status-model.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-24T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const stream = streamFeedSchema.parse({ id: 'payments', kind: 'stream', source: 'PAYMENTS', slot: '1h' });
const table = tableFeedSchema.parse({ id: 'totals', kind: 'table', source: 'TOTALS', maxLag: '1d', warehouse: { fact: 'fact_totals' } });

function slot(startMs: number, rows: number, extra: Partial<SlotEntry> = {}): SlotEntry {
  return {
    start: iso(startMs), end: iso(startMs + HOUR), file: rows > 0 ? `f${startMs}` : null, rows, quarantined: 0, bytes: rows * 10,
    checksum: rows > 0 ? 'c' : null, exportedAt: iso(startMs + HOUR + 60_000), runId: 'r', durationMs: 900, ...extra,
  };
}

function run(outcome: RunRecord['outcome'], startMs: number, endMs: number, finishedMs: number): RunRecord {
  return {
    feed: 'payments', kind: 'stream', workflowId: `export:payments:${iso(startMs)}`, runId: `run-${finishedMs}`, attempt: 1,
    window: { start: iso(startMs), end: iso(endMs) }, version: null, rows: 0, quarantined: 0, bytes: 0, durationMs: 5,
    startedAt: iso(finishedMs - 5), finishedAt: iso(finishedMs), outcome,
    error: outcome === 'failed' ? { type: 'KsqlUnavailableError', message: 'connection refused' } : null,
  };
}

const metadata: StreamMetadata = {
  feed: 'payments', kind: 'stream', source: 'PAYMENTS', columns: [], schemaId: 'abc', updatedAt: '',
  slots: Object.fromEntries([
    slot(T0, 5), // done
    slot(T0 + HOUR, 0), // empty
    slot(T0 + 2 * HOUR, 7, { previousRows: 4 }), // late
    slot(T0 + 3 * HOUR, 3), // done, but a later re-export failed → failed
    // T0+4h: failed, never written
    // T0+5h: missing
    slot(T0 + 6 * HOUR, 2, { previousRows: 2 }), // re-exported with the same rows: done
  ].map((s) => [s.start, s])),
};

describe('lakeStatus: stream slot grid', () => {
  const now = T0 + 7 * HOUR + 30 * 60_000; // 07:30: slot 06:00 is within max lag (2h15m), 05:00 is not
  const runs = [run('failed', T0 + 3 * HOUR, T0 + 5 * HOUR, T0 + 6 * HOUR), run('succeeded', T0 + 6 * HOUR, T0 + 7 * HOUR, T0 + 7 * HOUR + 60_000)];
  const status = lakeStatus({ nowMs: now, fromMs: T0, toMs: T0 + 9 * HOUR, feeds: [{ feed: stream, metadata, runs, warehouse: null }] });

  it('gives every slot of the range its state', () => {
    const feed = status.feeds[0]!;
    if (feed.kind !== 'stream') throw new Error('expected a stream');
    expect(feed.slots.map((s) => s.state)).toEqual(['done', 'empty', 'late', 'failed', 'failed', 'missing', 'done', 'pending', 'pending']);
    expect(feed.counts).toEqual({ done: 2, empty: 1, late: 1, failed: 2, missing: 1, pending: 2 });
    // a failed re-export leaves the lake's rows in place, and says why it failed
    expect(feed.slots[3]).toMatchObject({ rows: 3, failure: { type: 'KsqlUnavailableError', message: 'connection refused' } });
    expect(feed.slots[2]).toMatchObject({ rows: 7, previousRows: 4, durationMs: 900, bytes: 70 });
    expect(feed.freshness).toEqual({ newest: iso(T0 + 7 * HOUR), lagMs: 30 * 60_000, maxLagMs: 2 * HOUR + 15 * 60_000, stale: false });
  });

  it('lists the missing and failed slots as problems: unhealthy', () => {
    expect(status.healthy).toBe(false);
    expect(status.problems).toEqual([
      `payments: 1 missing slot(s), first ${iso(T0 + 5 * HOUR)}`,
      `payments: 2 failed slot(s), first ${iso(T0 + 3 * HOUR)} (KsqlUnavailableError: connection refused)`,
    ]);
    expect(() => lakeStatusSchema.parse(JSON.parse(JSON.stringify(status)))).not.toThrow();
  });

  it('a later success over a failed slot clears it; a stale feed is a problem', () => {
    const retried = [...runs, run('succeeded', T0 + 3 * HOUR, T0 + 5 * HOUR, T0 + 6 * HOUR + 1)];
    const later = T0 + 10 * HOUR;
    const s = lakeStatus({ nowMs: later, fromMs: T0 + 3 * HOUR, toMs: T0 + 5 * HOUR, feeds: [{ feed: stream, metadata, runs: retried, warehouse: null }] });
    const feed = s.feeds[0]!;
    if (feed.kind !== 'stream') throw new Error('expected a stream');
    // 04:00 was never written: with its failure superseded it is simply missing
    expect(feed.slots.map((x) => x.state)).toEqual(['done', 'missing']);
    expect(s.problems).toContain('payments: stale, newest slot ended 3h ago (max lag 2h 15m)');
  });

  it('a healthy range exits clean', () => {
    const s = lakeStatus({ nowMs: now, fromMs: T0, toMs: T0 + 3 * HOUR, feeds: [{ feed: stream, metadata, runs: [], warehouse: null }] });
    expect(s).toMatchObject({ healthy: true, problems: [] });
  });
});

describe('lakeStatus: table versions', () => {
  const version = (n: number, hoursAgo: number, now: number) => ({
    version: n, rows: n * 10, quarantined: 0, bytes: 100, checksum: `c${n}`, publishedAt: iso(now - hoursAgo * HOUR), runId: `r${n}`,
  });
  const now = T0 + 48 * HOUR;
  const meta: TableMetadata = {
    feed: 'totals', kind: 'table', source: 'TOTALS', columns: [], updatedAt: '', pruned: [1],
    versions: [version(2, 30, now), version(3, 20, now), version(4, 2, now)], current: 3,
  };

  it('shows versions newest first, the current one, the warehouse’s, and their age', () => {
    const s = lakeStatus({ nowMs: now, fromMs: T0, toMs: now, feeds: [{ feed: table, metadata: meta, runs: [], warehouse: { versions: [2, 3], current: 3 } }] });
    const feed = s.feeds[0]!;
    if (feed.kind !== 'table') throw new Error('expected a table');
    expect(feed.versions.map((v) => [v.version, v.current, v.inWarehouse, v.ageMs / HOUR])).toEqual([[4, false, false, 2], [3, true, true, 20], [2, false, true, 30]]);
    expect(feed).toMatchObject({ current: 3, warehouse: { current: 3 }, freshness: { stale: false, lagMs: 2 * HOUR } });
    expect(s.healthy).toBe(true);
  });

  it('a failed latest export and an old newest version are problems', () => {
    const failed = { ...run('failed', 0, 1, now - HOUR), feed: 'totals', kind: 'table' as const, window: null };
    const s = lakeStatus({ nowMs: now + 30 * HOUR, fromMs: T0, toMs: now, feeds: [{ feed: table, metadata: meta, runs: [failed], warehouse: null }] });
    expect(s.problems).toEqual([
      `totals: the latest snapshot export failed at ${iso(now - HOUR)} (KsqlUnavailableError: connection refused)`,
      'totals: stale, newest version was published 1d 8h ago (max lag 1d)',
    ]);
  });
});

describe('formatDuration', () => {
  it('reads like a person would say it', () => {
    expect([0, 90_000, 2 * HOUR, 26 * HOUR + 60_000].map(formatDuration)).toEqual(['0m', '2m', '2h', '1d 2h 1m']);
  });
});
