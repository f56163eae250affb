import { defineSearchAttributeKey, type SearchAttributeType } from '@temporalio/common';
import { SEARCH_ATTRIBUTES, type SearchAttributeName } from '../config/temporal.js';

/** The server's type names (config/temporal.ts) as the SDK names them. */
const SDK_TYPE = { Keyword: 'KEYWORD', Datetime: 'DATETIME', Int: 'INT' } as const satisfies Record<
  (typeof SEARCH_ATTRIBUTES)[SearchAttributeName],
  SearchAttributeType
>;

function keyOf<N extends SearchAttributeName>(name: N) {
  return defineSearchAttributeKey(name, SDK_TYPE[SEARCH_ATTRIBUTES[name]]);
}

/** Typed keys, looked up by name in config/temporal.ts (the list the dev server registers). */
export const SA_FEED = keyOf('EtlFeed');
export const SA_SLOT_START = keyOf('EtlSlotStart');
export const SA_SNAPSHOT_AT = keyOf('EtlSnapshotAt');
export const SA_ROWS = keyOf('EtlRows');
