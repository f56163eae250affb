import type { FeedMetadata, ReadVersionTextOptions, VersionColumn, VersionText } from '../lake/index.js';

/**
 * What the warehouse needs of a lake, declared here so the warehouse depends on these questions and
 * not on the whole `Lake` (a test hands in a source that fails on purpose). `Lake` answers them all.
 */

/** What a load needs: a version's columns and its rows as bulk-load text. */
export interface VersionSource {
  describeVersion(feedId: string, version: number): Promise<VersionColumn[]>;
  readVersionText(feedId: string, version: number, opts: ReadVersionTextOptions): Promise<VersionText>;
}

/** What `warehouse verify` needs: a version's columns, aggregates over its rows, and which versions there are. */
export interface VersionAggregates {
  describeVersion(feedId: string, version: number): Promise<VersionColumn[]>;
  aggregateVersion(feedId: string, version: number, selectList: string): Promise<Record<string, unknown>>;
  describeFeed(feedId: string): Promise<FeedMetadata | null>;
}
