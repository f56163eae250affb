import { join } from 'node:path';

/**
 * Where everything lives in the lake. Readers glob `streams/<feed>/date=*\/*.parquet` and
 * `tables/<feed>/version=*\/*.parquet`; `_staging`, `_quarantine` and `_runs` are outside those globs, so a
 * half-written file is never visible.
 */
/** The directory holding every feed of one kind, one sub-directory per feed. */
export function kindDir(root: string, kind: 'stream' | 'table'): string {
  return join(root, kind === 'stream' ? 'streams' : 'tables');
}

export function streamDir(root: string, feedId: string): string {
  return join(kindDir(root, 'stream'), feedId);
}

export function tableDir(root: string, feedId: string): string {
  return join(kindDir(root, 'table'), feedId);
}

export function metadataPath(root: string, kind: 'stream' | 'table', feedId: string): string {
  return join(kind === 'stream' ? streamDir(root, feedId) : tableDir(root, feedId), '_metadata.json');
}

export function stagingRoot(root: string): string {
  return join(root, '_staging');
}

export function quarantineDir(root: string, feedId: string): string {
  return join(root, '_quarantine', feedId);
}

/** The feed's run log: one small JSON file per export attempt (lake/run-log.ts). */
export function runLogDir(root: string, feedId: string): string {
  return join(root, '_runs', feedId);
}

/** `2026-11-24T10:00:00.000Z` → `20261124T100000Z`: sortable and safe in a file name. */
export function slotStamp(slotStartMs: number): string {
  return new Date(slotStartMs).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

export function slotDate(slotStartMs: number): string {
  return new Date(slotStartMs).toISOString().slice(0, 10);
}

/** The slot's one file, relative to the feed's stream dir: a pure function of (feed, slot). */
export function slotFileRelative(feedId: string, slotStartMs: number): string {
  return join(`date=${slotDate(slotStartMs)}`, `${feedId}__${slotStamp(slotStartMs)}.parquet`);
}

export function versionDirRelative(version: number): string {
  return `version=${version}`;
}

/** Where the rows set aside by a table version's export go. */
export function versionQuarantineFile(root: string, feedId: string, version: number): string {
  return join(quarantineDir(root, feedId), `${versionDirRelative(version)}.ndjson`);
}

export function streamGlob(root: string, feedId: string): string {
  return join(streamDir(root, feedId), 'date=*', '*.parquet');
}

export function tableGlob(root: string, feedId: string, version?: number): string {
  return join(tableDir(root, feedId), version === undefined ? 'version=*' : versionDirRelative(version), '*.parquet');
}
