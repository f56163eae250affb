import type { FeedRegistry } from '../../config/load-feeds.js';
import type { FeedMetadata, Lake } from '../../lake/index.js';
import { failed, messageOf, ok, warning, withinMs, type CheckResult } from './check-result.js';

/** Free space below this many times the largest export is a warning: a rerun and a retry may overlap. */
const DISK_MARGIN = 2;

/** The lake: writable (one probe file, removed at once), free space, stale staging, and its DuckDB. */
export async function checkLake(lake: Lake, feeds: FeedRegistry, stepMs: number): Promise<CheckResult[]> {
  const guard = <T>(what: string, work: Promise<T>) => withinMs(stepMs, what, work);
  return Promise.all([
    guard('lake probe', lake.checkWritable()).then(
      (probe) => probe.lakeExists
        ? ok('lake: writable', `${lake.location} (a probe file was written and removed at once)`)
        : warning('lake: writable', `${lake.location} does not exist yet; ${probe.dir} is writable`, 'the first worker creates it'),
      (err) => failed('lake: writable', `${lake.location}: ${messageOf(err)}`, lake.remote
        ? 'fix the setting the message names (AWS_* credentials, AWS_REGION, AWS_ENDPOINT_URL_S3 or the bucket in LAKE_DIR)'
        : 'give the worker\'s user write access to LAKE_DIR, or point LAKE_DIR elsewhere'),
    ),
    guard('lake disk space', diskSpace(lake, feeds)).catch((err) => warning('lake: disk space', messageOf(err), 'check the disk by hand (df)')),
    guard('lake staging', lake.staleStaging()).then(
      (stale) => stale.length === 0
        ? ok('lake: staging', 'no stale staging')
        : warning('lake: staging', `${stale.length} staging dir(s) older than a day: ${stale.slice(0, 5).join(', ')}`, 'left by killed workers; the next worker start removes them'),
      (err) => warning('lake: staging', messageOf(err), 'check LAKE_DIR/_staging by hand'),
    ),
    guard('DuckDB', lake.engineInfo()).then(
      (engine) => ok('duckdb: engine', `DuckDB ${engine.duckdbVersion}, memory limit ${engine.memoryLimit}, ${engine.threads} threads`),
      (err) => failed('duckdb: engine', messageOf(err), 'reinstall dependencies (npm ci): @duckdb/node-api is native code'),
    ),
  ]);
}

async function diskSpace(lake: Lake, feeds: FeedRegistry): Promise<CheckResult> {
  const free = await lake.freeBytes();
  const metadata = await Promise.all([...feeds.keys()].map((id) => lake.describeFeed(id).catch(() => null)));
  const largest = Math.max(0, ...metadata.map(largestExportBytes));
  const detail = `${gib(free)} free; largest export so far ${gib(largest)}`;
  if (free < largest) return failed('lake: disk space', detail, 'free space or move LAKE_DIR: the next export of that size will not fit');
  if (free < largest * DISK_MARGIN) return warning('lake: disk space', detail, 'less than twice the largest export is free');
  return ok('lake: disk space', detail);
}

/** Bytes one run published: a table version, or the slot files one stream run wrote together. */
function largestExportBytes(metadata: FeedMetadata | null): number {
  if (!metadata) return 0;
  if (metadata.kind === 'table') return Math.max(0, ...metadata.versions.map((v) => v.bytes));
  const byRun = new Map<string, number>();
  for (const slot of Object.values(metadata.slots)) byRun.set(slot.runId, (byRun.get(slot.runId) ?? 0) + slot.bytes);
  return Math.max(0, ...byRun.values());
}

function gib(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}
