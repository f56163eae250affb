import { maxLagMs } from '../../config/max-lag.js';
import type { TableFeed } from '../../config/feed-schema.js';
import { currentVersion } from '../metadata/current-version.js';
import type { TableMetadata } from '../metadata/feed-metadata.js';
import type { RunRecord } from '../metadata/run-log.js';
import type { TableFeedStatus } from './status-model.js';

export interface TableStatusInput {
  feed: TableFeed;
  metadata: TableMetadata | null;
  runs: readonly RunRecord[];
  /** what the warehouse holds for the feed; null when it has no warehouse target */
  warehouse: { versions: readonly number[]; current: number | null } | null;
  nowMs: number;
}

/** The versions of one table feed, the current one, the warehouse's, and their age. Pure. */
export function tableFeedStatus(input: TableStatusInput): TableFeedStatus {
  const { feed, metadata, nowMs } = input;
  const current = metadata ? currentVersion(metadata) : null;
  const inWarehouse = new Set(input.warehouse?.versions ?? []);
  const versions = [...(metadata?.versions ?? [])]
    .sort((a, b) => b.version - a.version)
    .map((v) => ({
      version: v.version,
      rows: v.rows,
      quarantined: v.quarantined,
      bytes: v.bytes,
      checksum: v.checksum,
      publishedAt: v.publishedAt,
      ageMs: nowMs - Date.parse(v.publishedAt),
      durationMs: v.durationMs ?? null,
      schemaId: v.schemaId ?? null,
      current: v.version === current,
      inWarehouse: inWarehouse.has(v.version),
    }));
  const newest = versions[0] ?? null;
  const maxLag = maxLagMs(feed);
  const lastRun = input.runs.at(-1);
  return {
    feed: feed.id,
    kind: 'table',
    source: feed.source,
    schemaId: metadata?.schemaId ?? null,
    keepVersions: feed.keepVersions,
    versions,
    current,
    warehouse: input.warehouse ? { versions: [...input.warehouse.versions], current: input.warehouse.current } : null,
    freshness: {
      newest: newest?.publishedAt ?? null,
      lagMs: newest?.ageMs ?? null,
      maxLagMs: maxLag,
      stale: maxLag !== null && (newest === null || newest.ageMs > maxLag),
    },
    lastRunFailed: lastRun?.outcome === 'failed',
    rollbacks: metadata?.rollbacks ?? [],
    latestRuns: [...input.runs],
  };
}
