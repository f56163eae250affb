/**
 * Temporal names every process agrees on. Pure constants: the workflow bundle imports this file.
 */
export const TASK_QUEUE = 'ksql-etl';

/**
 * The custom search attributes, the one place their names and types are written. The workflows
 * derive their typed keys from it (workflows/search-attributes.ts), the dev server registers it,
 * and the compose stack's registration script is checked against it by a unit test. Types are
 * spelled as the Temporal server and CLI spell them. Renaming an attribute is a migration.
 */
export const SEARCH_ATTRIBUTES = {
  /** feed id, e.g. `transaction_stream`: filter runs by feed in the Web UI */
  EtlFeed: 'Keyword',
  /** stream runs only: the first slot of the exported window */
  EtlSlotStart: 'Datetime',
  /** table runs only: when the snapshot run started (ksqlDB tables are read as they are then) */
  EtlSnapshotAt: 'Datetime',
  /** rows written to the lake by the run */
  EtlRows: 'Int',
} as const;

export type SearchAttributeName = keyof typeof SEARCH_ATTRIBUTES;
