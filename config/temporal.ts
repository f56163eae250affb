/**
 * Temporal names every process agrees on. Pure constants: the workflow bundle imports this file.
 * The dev server registers the search attributes at first start; renaming one is a migration.
 */
/** The default of `TEMPORAL_TASK_QUEUE` (config/env.ts); code reads the setting, never this constant. */
export const DEFAULT_TASK_QUEUE = 'ksql-etl';

export const SEARCH_ATTRIBUTES = [
  /** feed id, e.g. `transaction_stream`: filter runs by feed in the Web UI */
  { name: 'EtlFeed', type: 'Keyword' },
  /** first slot of a stream export, or the snapshot time of a table export */
  { name: 'EtlSlotStart', type: 'Datetime' },
  /** rows written to the lake by the run */
  { name: 'EtlRows', type: 'Int' },
] as const;
