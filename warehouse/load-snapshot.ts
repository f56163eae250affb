import { escapeId } from 'mysql2';
import type { Readable } from 'node:stream';
import type { PoolConnection } from 'mysql2/promise';
import type { WarehouseTarget } from '../config/feed-schema.js';
import type { ReadVersionTextOptions, VersionText } from '../lake/index.js';
import type { VersionSource } from './lake-versions.js';
import { advanceCurrentVersion } from './current-version.js';
import { classifyMysqlError, WarehouseDataError } from './errors.js';
import { resolveFactLayout, type DimensionLayout, type FactLayout } from './fact-layout.js';
import { loadDataLocal } from './load-data-local.js';
import { lockReceipt, recordFailedLoad, writeReceipt, type LoadAttempt } from './load-log.js';
import type { Warehouse } from './warehouse.js';

export interface SnapshotLoadInput {
  feedId: string;
  target: WarehouseTarget;
  version: number;
  lakeChecksum: string;
  /** rows the lake recorded for the version: the load must land exactly these */
  expectedRows: number;
}

export interface SnapshotLoadResult {
  rows: number;
  /** true when this version was already in the warehouse (a retry or a rerun): nothing was written */
  alreadyLoaded: boolean;
}

/** Rows sent so far, per table, for heartbeats. */
export type LoadProgress = (progress: { table: string; rows: number }) => void;


/**
 * Loads one lake snapshot version into its fact table in ONE transaction: new dimension members
 * first, then the facts with natural keys resolved to surrogate ids, then the `loaded` receipt and
 * the fact's current version. Both tables are bulk-loaded (`LOAD DATA LOCAL INFILE` of text the lake
 * streams). A version lands whole or not at all; loading it twice changes nothing; a failed attempt
 * is recorded in etl_snapshot_loads after the rollback.
 */
export async function loadSnapshot(
  warehouse: Warehouse,
  lake: VersionSource,
  input: SnapshotLoadInput,
  opts: { progress?: LoadProgress } = {},
): Promise<SnapshotLoadResult> {
  const { version, target } = input;
  const context = `feed ${input.feedId}, version ${version}, table ${target.fact}`;
  const attempt: LoadAttempt = { feed: input.feedId, version, fact: target.fact, startedAt: new Date() };
  try {
    const lakeColumns = (await lake.describeVersion(input.feedId, version)).map((c) => c.name);
    const layout = await resolveFactLayout(warehouse, target, lakeColumns, context);
    // DuckDB writes the texts while MySQL checks the receipt and takes the members.
    const texts = stageTexts(lake, input, [
      ...layout.dimensions.map((d) => ({ columns: [d.key], distinct: true, format: 'mysql-csv' as const })),
      { columns: layout.columns.map((c) => c.lake), format: 'mysql-csv' },
    ]);
    const keys = texts.slice(0, -1);
    const facts = texts.at(-1)!;
    try {
      return await warehouse.withTransaction(async (tx) => {
        const receipt = await lockReceipt(tx, input.feedId, version);
        if (receipt) return { rows: receipt.rows, alreadyLoaded: true };
        // Members first: the facts refer to them (surrogate ids are even looked up while the facts load).
        for (const [i, d] of layout.dimensions.entries()) await addNewMembers(tx, await keys[i]!, input, d, context, opts.progress);
        const rows = await withoutForeignKeyChecks(tx, async () => loadFacts(tx, (await facts).stream, input, layout, context, opts.progress));
        await writeReceipt(tx, attempt, rows, input.lakeChecksum);
        await advanceCurrentVersion(tx, target.fact, input.feedId, version);
        return { rows, alreadyLoaded: false };
      });
    } finally {
      // Unread (the version was already loaded, or the load failed first): the staging files go.
      for (const text of texts) (await text.catch(() => null))?.stream.destroy();
    }
  } catch (raw) {
    const err = raw instanceof WarehouseDataError ? raw : classifyMysqlError(raw, `loading ${context}`);
    await recordFailedLoad(warehouse, attempt, err);
    throw err;
  }
}

/**
 * The version's texts, written one after another in the order the load reads them: each COPY has
 * DuckDB's threads to itself, so the (small) members' text is ready first and the facts' text is
 * written while the members load. A failed text fails only the load step that reads it.
 */
function stageTexts(lake: VersionSource, input: SnapshotLoadInput, requests: ReadVersionTextOptions[]): Array<Promise<VersionText>> {
  let previous: Promise<unknown> = Promise.resolve();
  return requests.map((opts) => {
    const text = previous.catch(() => undefined).then(() => lake.readVersionText(input.feedId, input.version, opts));
    // Awaited later (or by the cleanup): a failure must not count as unhandled meanwhile.
    text.catch(() => undefined);
    return (previous = text);
  });
}

/** Adds the version's keys the dimension lacks; the members it has are left as they are. */
async function addNewMembers(tx: PoolConnection, keys: VersionText, input: SnapshotLoadInput, d: DimensionLayout, context: string, progress?: LoadProgress) {
  const result = await loadDataLocal(tx, keys.stream, {
    table: escapeId(d.table),
    columns: [escapeId(d.key)],
    set: 'first_seen_version = ?',
    values: [input.version],
    onLines: (rows) => progress?.({ table: d.table, rows }),
  });
  // Each known member is skipped with exactly one duplicate-key warning; any other warning (a NULL
  // or too long key) breaks the balance.
  if (result.warnings !== keys.rows - result.affectedRows) {
    throw new WarehouseDataError(`${context}: dimension ${d.table} took ${result.affectedRows} of ${keys.rows} keys with ${result.warnings} warnings${await firstWarnings(tx)}; rolled back`);
  }
}

/**
 * Foreign keys are not checked row by row while the facts stream in: the checks cost about a third
 * of the load, and they are redundant here, since this transaction has just added every member the
 * version's facts name (and holds them until it commits).
 */
async function withoutForeignKeyChecks<T>(tx: PoolConnection, fn: () => Promise<T>): Promise<T> {
  await tx.query('SET SESSION foreign_key_checks = 0');
  try {
    return await fn();
  } finally {
    // A pooled connection must never go back unchecked: one that cannot be reset is dropped.
    await tx.query('SET SESSION foreign_key_checks = 1').catch(() => tx.destroy());
  }
}

async function loadFacts(tx: PoolConnection, text: Readable, input: SnapshotLoadInput, layout: FactLayout, context: string, progress?: LoadProgress): Promise<number> {
  const surrogates = layout.columns.filter((c) => c.dimension).map((c) => c.dimension!);
  const set = [
    'snapshot_version = ?',
    // The member exists: addNewMembers ran first in this transaction.
    ...surrogates.map((d) => `${escapeId(d.id)} = (SELECT ${escapeId(d.id)} FROM ${escapeId(d.table)} WHERE ${escapeId(d.key)} = @${escapeId(d.key)})`),
  ];
  const result = await loadDataLocal(tx, text, {
    table: escapeId(layout.fact),
    columns: layout.columns.map((c) => (c.dimension ? `@${escapeId(c.lake)}` : escapeId(c.lake))),
    set: set.join(', '),
    values: [input.version],
    onLines: (rows) => progress?.({ table: layout.fact, rows }),
  });
  if (result.affectedRows !== input.expectedRows || result.warnings > 0) {
    throw new WarehouseDataError(
      `${context}: inserted ${result.affectedRows} rows with ${result.warnings} warnings, the lake version holds ${input.expectedRows}${await firstWarnings(tx)}; rolled back`,
    );
  }
  return result.affectedRows;
}

async function firstWarnings(tx: PoolConnection): Promise<string> {
  const [rows] = await tx.query('SHOW WARNINGS LIMIT 3');
  const list = (rows as Array<{ Message: string }>).map((w) => w.Message);
  return list.length ? ` (${list.join('; ')})` : '';
}
