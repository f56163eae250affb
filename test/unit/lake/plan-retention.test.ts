import { describe, expect, it } from 'vitest';
import type { StreamMetadata, TableMetadata } from '../../../lake/metadata/feed-metadata.js';
import { planStreamRetention, planTableRetention } from '../../../lake/retention/plan-retention.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-30T10:00:00Z');

describe('planStreamRetention', () => {
  const dayStart = (d: number) => Date.parse('2026-11-30T00:00:00Z') - d * DAY;
  const slots = Object.fromEntries([0, 1, 2, 3].flatMap((d) => [0, 12].map((h) => {
    const start = new Date(dayStart(d) + h * 3_600_000).toISOString();
    return [start, { start, end: start, file: h === 0 ? `f${d}` : null, rows: h === 0 ? 4 : 0, quarantined: 0, bytes: h === 0 ? 40 : 0, checksum: null, exportedAt: start, runId: 'r' }];
  })));
  const metadata: StreamMetadata = { feed: 's', kind: 'stream', source: 'S', columns: [], slots, updatedAt: '' };

  it('keeps today and the retentionDays before it; older partitions go with all their slots', () => {
    const plan = planStreamRetention(metadata, 2, NOW);
    expect(plan.cutoffDate).toBe('2026-11-28');
    expect(plan.deleted).toEqual([{ date: '2026-11-27', slots: ['2026-11-27T00:00:00.000Z', '2026-11-27T12:00:00.000Z'], files: 1, rows: 4, bytes: 40 }]);
    expect(plan).toMatchObject({ keptPartitions: 3, oldestKept: '2026-11-28' });
  });
});

describe('planTableRetention', () => {
  const version = (n: number) => ({ version: n, rows: 1, quarantined: 0, bytes: 1, checksum: 'c', publishedAt: `2026-11-${String(n).padStart(2, '0')}T00:00:00.000Z`, runId: `r${n}` });
  const metadata: TableMetadata = { feed: 't', kind: 'table', source: 'T', columns: [], versions: [1, 2, 3, 4, 5, 6].map(version), pruned: [], current: 2, updatedAt: '' };

  it('keeps the newest keepVersions, the current one and the warehouse’s, and says why', () => {
    const plan = planTableRetention(metadata, 2, new Set([4, 2]));
    expect(plan.deleted.map((d) => d.version)).toEqual([3, 1]);
    expect(plan.kept).toEqual([
      { version: 6, reasons: ['newest'] },
      { version: 5, reasons: ['newest'] },
      { version: 4, reasons: ['warehouse'] },
      { version: 2, reasons: ['current', 'warehouse'] },
    ]);
  });

  it('without a current pointer (older metadata) the newest is current', () => {
    const plan = planTableRetention({ ...metadata, current: undefined }, 1, new Set());
    expect(plan).toMatchObject({ current: 6, kept: [{ version: 6, reasons: ['newest', 'current'] }] });
  });
});
