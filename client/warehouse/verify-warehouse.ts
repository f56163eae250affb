import { verifySnapshots, type VersionCheck } from '../../warehouse/verify-snapshots.js';
import { formatTable } from '../common/format-table.js';
import { warehouseFeeds, type Stores } from './open-stores.js';

/** Raised when the lake and MySQL disagree: the CLI prints the differences and exits 1. */
export class WarehouseMismatchError extends Error {
  override name = 'WarehouseMismatchError';
  readonly retryable = false;
}

/** `warehouse verify`: every check, and the differences as a table (empty when all agree). */
export async function verifyWarehouse(stores: Stores, feedId?: string, version?: number): Promise<VersionCheck[]> {
  const checks: VersionCheck[] = [];
  for (const feed of warehouseFeeds(stores.feeds, feedId)) {
    checks.push(...(await verifySnapshots(stores.warehouse, stores.lake, feed, version === undefined ? undefined : [version])));
  }
  return checks;
}

/** Lines for people: a summary, then the differing figures by feed, version, table and measure. */
export function describeChecks(checks: readonly VersionCheck[]): string[] {
  const versions = new Set(checks.map((c) => `${c.feed}@${c.version}`)).size;
  const differ = checks.filter((c) => !c.equal);
  if (differ.length === 0) return [`${versions} version(s) verified: row counts, measure sums and checksums equal in the lake and MySQL`];
  return [
    `${differ.length} difference(s) in ${versions} version(s):`,
    ...formatTable(differ.map((c) => ({ feed: c.feed, version: c.version, table: c.table, measure: c.measure, lake: c.lake ?? '(not in the lake)', mysql: c.warehouse }))),
  ];
}
