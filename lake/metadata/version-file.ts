import type { VersionEntry } from './feed-metadata.js';
import { versionFileRelative } from '../common/lake-paths.js';

/** A version's file relative to its feed, as its metadata entry names it (older entries name none). */
export function versionFile(entry: Pick<VersionEntry, 'version' | 'file'>): string {
  return entry.file ?? versionFileRelative(entry.version);
}
