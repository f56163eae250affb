import type { Lake, VersionEntry } from '../lake/index.js';

/**
 * A published version of a table feed from the lake's metadata: `version`, or the lake's current
 * one (the newest, unless a rollback moved it) when it is omitted. Null when the lake does not hold
 * it (pruned or never published).
 */
export async function findLakeVersion(lake: Pick<Lake, 'describeFeed' | 'currentVersion'>, feedId: string, version?: number): Promise<VersionEntry | null> {
  const metadata = await lake.describeFeed(feedId);
  if (metadata?.kind !== 'table' || metadata.versions.length === 0) return null;
  const wanted = version ?? (await lake.currentVersion(feedId));
  return metadata.versions.find((v) => v.version === wanted) ?? null;
}
