import { join } from 'node:path';

/**
 * Where everything lives in the lake, as object keys (`/`-separated, relative to the lake's root,
 * the same on a local folder and in a bucket). Readers follow `_metadata.json`, which names every
 * slot file and version file; `_quarantine/`, `_runs/` and the probe keys are never named there, so a reader
 * never sees them. Staging is not in the lake at all: it is a folder on the worker's own disk.
 */
export function kindPrefix(kind: 'stream' | 'table'): string {
  return kind === 'stream' ? 'streams' : 'tables';
}

/** Every key of one feed starts with this (no trailing slash). */
export function feedPrefix(kind: 'stream' | 'table', feedId: string): string {
  return `${kindPrefix(kind)}/${feedId}`;
}

export function metadataKey(kind: 'stream' | 'table', feedId: string): string {
  return `${feedPrefix(kind, feedId)}/_metadata.json`;
}

/** A file recorded in the metadata (relative to its feed, e.g. `date=…/x.parquet`) as a key. */
export function feedFileKey(kind: 'stream' | 'table', feedId: string, relative: string): string {
  return `${feedPrefix(kind, feedId)}/${relative}`;
}

export function quarantineKey(feedId: string, name: string): string {
  return `_quarantine/${feedId}/${name}`;
}

/** Where the rows set aside by a stream range's export go. */
export function rangeQuarantineKey(feedId: string, startMs: number, endMs: number): string {
  return quarantineKey(feedId, `${slotStamp(startMs)}_${slotStamp(endMs)}.ndjson`);
}

/** Where the rows set aside by a table version's export go. */
export function versionQuarantineKey(feedId: string, version: number): string {
  return quarantineKey(feedId, `${versionDirRelative(version)}.ndjson`);
}

/** The feed's run log: one small object per export attempt under this prefix (lake/run-log.ts). */
export function runLogPrefix(feedId: string): string {
  return `_runs/${feedId}/`;
}

/** The metadata file of a lake in a local folder, for tools that look at a local lake's files. */
export function metadataPath(root: string, kind: 'stream' | 'table', feedId: string): string {
  return join(root, ...metadataKey(kind, feedId).split('/'));
}

/** Where a lake in a local folder stages by default: beside its feeds, so a publish is a rename. */
export function stagingRoot(root: string): string {
  return join(root, '_staging');
}

/** `2026-11-24T10:00:00.000Z` → `20261124T100000Z`: sortable and safe in a file name. */
export function slotStamp(slotStartMs: number): string {
  return new Date(slotStartMs).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

export function slotDate(slotStartMs: number): string {
  return new Date(slotStartMs).toISOString().slice(0, 10);
}

/** The slot's one file, relative to the feed's stream prefix: a pure function of (feed, slot). */
export function slotFileRelative(feedId: string, slotStartMs: number): string {
  return `date=${slotDate(slotStartMs)}/${feedId}__${slotStamp(slotStartMs)}.parquet`;
}

export function versionDirRelative(version: number): string {
  return `version=${version}`;
}

/**
 * A version's file, relative to the feed's table prefix. `attempt` makes the name unique: two runs
 * racing for the same number upload side by side, and the metadata commit that wins names its own.
 * Versions written before names were unique hold `data_0.parquet`.
 */
export function versionFileRelative(version: number, attempt = '0'): string {
  return `${versionDirRelative(version)}/data_${attempt}.parquet`;
}
