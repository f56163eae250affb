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

/** Every quarantine object's key starts with this. */
export const QUARANTINE_ROOT = '_quarantine/';

export function quarantineKey(feedId: string, name: string): string {
  return `${QUARANTINE_ROOT}${feedId}/${name}`;
}

/** Where the rows set aside by a stream export of `[startMs, endMs)` go: a re-export of the range replaces them. */
export function streamQuarantineKey(feedId: string, startMs: number, endMs: number): string {
  return quarantineKey(feedId, `${slotStamp(startMs)}_${slotStamp(endMs)}.ndjson`);
}

/** What a quarantine object's name (below its feed) stands for; null for a name this layout never writes. */
export function parseQuarantineName(name: string): { kind: 'stream'; start: string; end: string } | { kind: 'table'; version: number } | null {
  const range = /^(\d{8}T\d{6}Z)_(\d{8}T\d{6}Z)\.ndjson$/.exec(name);
  if (range) return { kind: 'stream', start: stampInstant(range[1]!), end: stampInstant(range[2]!) };
  const version = /^version=(\d+)\.ndjson$/.exec(name);
  return version ? { kind: 'table', version: Number(version[1]) } : null;
}

/** `20261124T100000Z` → `2026-11-24T10:00:00.000Z` (slotStamp's inverse). */
function stampInstant(stamp: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(stamp)!;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z`;
}

/** Where the rows set aside by a table version's export go. */
export function versionQuarantineKey(feedId: string, version: number): string {
  return quarantineKey(feedId, `${versionDirRelative(version)}.ndjson`);
}

/** The feed's run log: one small object per export attempt under this prefix (lake/metadata/run-log.ts). */
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
