import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExport } from '../../client/run/start-export.js';
import { getFeed } from '../../config/load-feeds.js';
import type { ApplyRetentionResult } from '../../activities/index.js';
import { startHarness, type Harness } from '../helpers/etl-harness.js';
import { streamRange } from '../helpers/stream-range.js';

const DAY = '2026-09-01';
const HOUR = 3_600_000;

describe('run log and retention through Temporal', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ name: 'lakeops', dataset: { seed: 5, start: `${DAY}T00:00:00Z`, days: 1, rowsPerDay: 480 } });
  });
  afterAll(() => h?.stop());

  it('every attempt of an export leaves a record: two failed (503) then one that succeeded; the slot records its query, duration and schema', async () => {
    const start = Date.parse(`${DAY}T03:00:00Z`);
    h.standin.faults.add({ fault: 'http503', times: 2, match: { sqlContains: `ROWTIME >= ${start} ` } });
    const feed = getFeed(h.deps.feeds, 'transaction_stream');
    const started = await startExport(h.client, feed, { range: streamRange(feed, new Date(start).toISOString()), taskQueue: h.taskQueue });
    const result = await started.handle.result();
    const runs = (await h.deps.lake.runs('transaction_stream')).filter((r) => r.workflowId === started.handle.workflowId);
    expect(runs.map((r) => [r.attempt, r.outcome, r.error?.type ?? null])).toEqual([
      [1, 'failed', 'KsqlUnavailableError'],
      [2, 'failed', 'KsqlUnavailableError'],
      [3, 'succeeded', null],
    ]);
    expect(runs[2]).toMatchObject({ rows: result.rows, window: { start: `${DAY}T03:00:00.000Z`, end: `${DAY}T04:00:00.000Z` }, runId: started.handle.firstExecutionRunId });
    expect(runs[2]!.bytes).toBeGreaterThan(0);
    const meta = await h.deps.lake.describeFeed('transaction_stream');
    if (meta?.kind !== 'stream') throw new Error('expected stream metadata');
    const slot = meta.slots[`${DAY}T03:00:00.000Z`]!;
    expect(slot.query).toBe(`SELECT ROWTIME, * FROM TRANSACTION_STREAM WHERE ROWTIME >= ${start} AND ROWTIME < ${start + HOUR};`);
    expect(slot).toMatchObject({ schemaId: meta.schemaId, rows: result.rows });
    expect(slot.durationMs).toBeGreaterThan(0);
    expect(meta.columns[0]).toMatchObject({ name: 'rowtime', type: 'BIGINT', parquetType: 'TIMESTAMP' });
  });

  it('retentionWorkflow runs the retention activity and returns counts per feed', async () => {
    const result = await h.client.workflow.execute<(input: object) => Promise<ApplyRetentionResult>>('retentionWorkflow', {
      args: [{ feeds: ['transaction_stream', 'user_transaction_summary'], dryRun: true }],
      taskQueue: h.taskQueue,
      workflowId: `retention-test-${Date.now()}`,
    });
    // the exported September day is older than a year from now only in 2027; nothing is due yet
    expect(result).toEqual({ feeds: [{ feed: 'transaction_stream', deleted: 0, kept: 1 }, { feed: 'user_transaction_summary', deleted: 0, kept: 0 }] });
  });
});
