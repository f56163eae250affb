import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExport } from '../../client/run/start-export.js';
import { feedSchema, type Feed } from '../../config/feed-schema.js';
import { getFeed } from '../../config/load-feeds.js';
import type { FaultRule } from '../../standin/index.js';
import { startHarness, type Harness } from '../helpers/etl-harness.js';
import { readLocalFeedMetadata, streamDirOf, tableDirOf } from '../helpers/lake-layout.js';
import { streamRange } from '../helpers/stream-range.js';

const HOUR = 3_600_000;
const [DAY1, DAY2] = ['2026-07-01', '2026-07-02'];
const STREAM = 'transaction_stream';
const TABLE = 'user_transaction_summary';

/**
 * `schemaChange` through the real export path: the stand-in changes a source's columns for one
 * query (an added, removed or retyped column), the workflow exports it, and the lake, its metadata
 * and the query views are checked afterwards.
 */
describe('schema evolution, through the workflow', () => {
  let h: Harness;
  let nowMs = Date.now();

  beforeAll(async () => {
    h = await startHarness({ name: 'schema-evolution', dataset: { seed: 5, start: `${DAY1}T00:00:00Z`, days: 2, rowsPerDay: 480 } });
  });
  afterAll(() => h?.stop());

  /** Sets the feed's policy in the worker's registry (the same map the activities read). */
  function withPolicy(feedId: string, schemaChange: 'freeze' | 'evolve'): Feed {
    const feed = feedSchema.parse({ ...getFeed(h.deps.feeds, feedId), schemaChange });
    (h.deps.feeds as Map<string, Feed>).set(feedId, feed);
    return feed;
  }

  /** One export with `fault` armed for its query; the result, or the cause of the failure. */
  async function exportWith(feed: Feed, fault: FaultRule['fault'] | null, opts: { window?: string; sqlContains: string }) {
    h.standin.faults.clear();
    if (fault) h.standin.faults.add({ fault, times: 0, match: { sqlContains: opts.sqlContains } });
    nowMs += 1000; // a table snapshot's workflow id carries the time it was asked for
    const started = await startExport(h.client, feed, { range: opts.window === undefined ? undefined : streamRange(feed, opts.window), now: new Date(nowMs), taskQueue: h.taskQueue });
    try {
      return { result: await started.handle.result(), error: null };
    } catch (err) {
      expect(err).toBeInstanceOf(WorkflowFailedError);
      return { result: null, error: (err as WorkflowFailedError).cause?.cause as Error & { type?: string } };
    } finally {
      h.standin.faults.clear();
    }
  }

  describe('a stream', () => {
    const hourOf = (day: string, hour: number) => Date.parse(`${day}T00:00:00Z`) + hour * HOUR;
    const window = (day: string, hour: number) => ({ window: new Date(hourOf(day, hour)).toISOString(), sqlContains: `ROWTIME >= ${hourOf(day, hour)} ` });
    const rowsIn = (day: string, hour: number) => h.standin.dataset.transactions.filter((t) => t.timestamp >= hourOf(day, hour) && t.timestamp < hourOf(day, hour) + HOUR).length;
    const dayDir = (day: string) => join(streamDirOf(h.env.LAKE_DIR, STREAM), `date=${day}`);

    it('under freeze, an added column fails the run naming the column and the policy; nothing is written', async () => {
      expect((await exportWith(withPolicy(STREAM, 'freeze'), null, window(DAY1, 0))).result).toMatchObject({ rows: rowsIn(DAY1, 0) });
      const { error } = await exportWith(withPolicy(STREAM, 'freeze'), 'schemaAdded', window(DAY2, 0));
      expect(error?.type).toBe('LakeSchemaError');
      expect(error?.message).toContain('added extra_column STRING');
      expect(error?.message).toContain('"schemaChange": "freeze"');
      expect(existsSync(dayDir(DAY2))).toBe(false);
    });

    it('under evolve, the added column is accepted: a second schema id, the slots under each', async () => {
      const { result } = await exportWith(withPolicy(STREAM, 'evolve'), 'schemaAdded', window(DAY2, 0));
      expect(result).toMatchObject({ rows: rowsIn(DAY2, 0) });
      const meta = await readLocalFeedMetadata(h.env.LAKE_DIR, 'stream', STREAM);
      if (meta?.kind !== 'stream') throw new Error('no stream metadata');
      const ids = Object.keys(meta.schemas ?? {});
      expect(ids).toHaveLength(2);
      const [before, after] = [meta.slots[`${DAY1}T00:00:00.000Z`]!.schemaId!, meta.slots[`${DAY2}T00:00:00.000Z`]!.schemaId!];
      expect(before).not.toBe(after);
      expect(ids.sort()).toEqual([before, after].sort());
      expect(meta.schemaId).toBe(after);
      expect(meta.schemas![before]!.map((c) => c.name)).not.toContain('extra_column');
      expect(meta.schemas![after]!.at(-1)).toEqual({ name: 'extra_column', type: 'STRING', parquetType: 'VARCHAR' });
      expect(meta.columns).toEqual(meta.schemas![after]);
    });

    it('the query view reads across both schemas by name: NULL in the older slots, values in the newer', async () => {
      const rows = await h.deps.lake.query(
        `SELECT date::VARCHAR AS day, count(*)::INT AS n, count(extra_column)::INT AS with_extra, max(extra_column) AS extra
           FROM ${STREAM} GROUP BY ALL ORDER BY day`,
      );
      expect(rows).toEqual([
        { day: DAY1, n: rowsIn(DAY1, 0), with_extra: 0, extra: null },
        { day: DAY2, n: rowsIn(DAY2, 0), with_extra: rowsIn(DAY2, 0), extra: 'extra' },
      ]);
      const { columns } = await h.deps.lake.runQuery(`SELECT * FROM ${STREAM} LIMIT 0`);
      expect(columns.slice(-2)).toEqual(['extra_column', 'date']); // the current schema's order, then the partition
    });

    it('a one-day query still opens only that day’s file', async () => {
      const [row] = await h.deps.lake.query(`EXPLAIN ANALYZE SELECT count(*) FROM ${STREAM} WHERE date = '${DAY1}'`);
      const read = [...String(row!.explain_value).matchAll(/Total Files Read: (\d+)/g)].map((m) => Number(m[1]));
      expect(read.reduce((a, b) => a + b, 0)).toBe(1);
    });

    it('under evolve, a column removed again fails the run naming it and the policy; nothing is written', async () => {
      const { error } = await exportWith(withPolicy(STREAM, 'evolve'), null, window(DAY2, 1));
      expect(error?.type).toBe('LakeSchemaError');
      expect(error?.message).toContain('removed extra_column STRING');
      expect(error?.message).toContain('"schemaChange": "evolve"');
      expect(await readdir(dayDir(DAY2))).toHaveLength(1);
    });
  });

  describe('a table', () => {
    const pull = { sqlContains: 'FROM USER_TRANSACTION_SUMMARY;' };
    const versions = async () => {
      const meta = await readLocalFeedMetadata(h.env.LAKE_DIR, 'table', TABLE);
      return meta?.kind === 'table' ? meta.versions.map((v) => v.version) : [];
    };
    const versionDirs = async () => (await readdir(tableDirOf(h.env.LAKE_DIR, TABLE))).filter((f) => f.startsWith('version='));

    it('a retyped column fails under evolve naming old → new type; a removed one under both policies; nothing is written', async () => {
      expect((await exportWith(withPolicy(TABLE, 'freeze'), null, pull)).result).toMatchObject({ version: 1 });
      const retyped = await exportWith(withPolicy(TABLE, 'evolve'), 'schemaRetyped', pull);
      expect(retyped.error?.type).toBe('LakeSchemaError');
      expect(retyped.error?.message).toContain('retyped last_transaction_ts BIGINT → STRING');
      expect(retyped.error?.message).toContain('"schemaChange": "evolve"');
      for (const policy of ['freeze', 'evolve'] as const) {
        const removed = await exportWith(withPolicy(TABLE, policy), 'schemaRemoved', pull);
        expect(removed.error?.type).toBe('LakeSchemaError');
        expect(removed.error?.message).toContain('removed last_transaction_ts BIGINT');
        expect(removed.error?.message).toContain(`"schemaChange": "${policy}"`);
      }
      expect(await versions()).toEqual([1]);
      expect(await versionDirs()).toEqual(['version=1']);
    });

    it('under evolve, an added column makes a version of its own schema; table_at reads each version with its own columns', async () => {
      const { error } = await exportWith(withPolicy(TABLE, 'evolve'), 'schemaAdded', pull);
      expect(await versions()).toEqual([1, 2]);
      const v1 = await h.deps.lake.runQuery(`SELECT * FROM table_at('${TABLE}', 1) LIMIT 1`);
      const v2 = await h.deps.lake.runQuery(`SELECT * FROM table_at('${TABLE}', 2) LIMIT 1`);
      expect(v1.columns).not.toContain('extra_column');
      expect(v2.columns.at(-1)).toBe('extra_column');
      expect(v2.rows[0]!.at(-1)).toBe('extra');
      expect((await h.deps.lake.runQuery(`SELECT * FROM ${TABLE} LIMIT 0`)).columns.at(-1)).toBe('extra_column');
      // The warehouse's fact table has no column for it: the load refuses the version, naming the column, rather than drop it.
      expect(error?.type).toBe('WarehouseSchemaError');
      expect(error?.message).toMatch(/version 2, table fact_user_transaction_summary: fact table fact_user_transaction_summary lacks column\(s\) extra_column/);
    });
  });
});
