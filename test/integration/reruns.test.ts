import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExport } from '../../client/run/start-export.js';
import { getFeed } from '../../config/load-feeds.js';
import type { FeedMetadata } from '../../lake/index.js';
import { startHarness, type Harness } from '../helpers/etl-harness.js';
import { auditStreamFiles } from '../helpers/lake-audit.js';
import { streamRange } from '../helpers/stream-range.js';

// What the README's "Rerun from the Web UI" does, through the same API the Web UI calls.
const DAY = '2026-06-01';
type HistoryEvent = NonNullable<Awaited<ReturnType<WorkflowHandle['fetchHistory']>>['events']>[number];
type EventId = HistoryEvent['eventId'];
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ name: 'reruns', dataset: { seed: 4, start: `${DAY}T00:00:00Z`, days: 1, rowsPerDay: 2400 } });
});
afterAll(() => h?.stop());

/** The id of a WorkflowTaskCompleted event: the `nth` one (1 = the first), or the first after the event `after` matches. */
async function workflowTaskCompleted(workflowId: string, runId: string, pick: { nth: number } | { after: (e: HistoryEvent) => boolean }): Promise<EventId> {
  const events = (await h.client.workflow.getHandle(workflowId, runId).fetchHistory()).events ?? [];
  const completed = (e: HistoryEvent) => Boolean(e.workflowTaskCompletedEventAttributes);
  const from = 'nth' in pick ? 0 : events.findIndex(pick.after);
  const event = 'nth' in pick ? events.filter(completed)[pick.nth - 1] : events.slice(from).find(completed);
  if (!event) throw new Error(`no such WorkflowTaskCompleted event in ${workflowId}`);
  return event.eventId;
}

/** Reset to a workflow task, as the Web UI's Reset does: returns the new run's id. */
async function reset(workflowId: string, runId: string, eventId: EventId): Promise<string> {
  const response = h.client.workflowService.resetWorkflowExecution({
    namespace: h.client.options.namespace,
    workflowExecution: { workflowId, runId },
    workflowTaskFinishEventId: eventId,
    reason: 'rerun (test)',
    requestId: randomUUID(),
  });
  return (await response).runId!;
}

const describeFeed = (feed: string): Promise<FeedMetadata | null> => h.deps.lake.describeFeed(feed);
/** A slot's entry without what a rerun is meant to change (which run wrote it, when, how long it took, what it replaced). */
const slotsOf = (m: FeedMetadata | null) => m?.kind === 'stream'
  ? Object.fromEntries(Object.entries(m.slots).map(([slot, { runId: _r, exportedAt: _e, durationMs: _d, previousRows: _p, ...rest }]) => [slot, rest])) : {};

describe('reruns as from the Web UI', () => {
  it('a completed stream window reset to its first workflow task, then started again like it: the lake is exactly as after one run', async () => {
    const feed = getFeed(h.deps.feeds, 'transaction_stream');
    const request = { range: streamRange(feed, `${DAY}T00:00:00Z`, `${DAY}T06:00:00Z`), taskQueue: h.taskQueue };
    const first = await startExport(h.client, feed, request);
    const once = await first.handle.result();
    const afterOne = { meta: slotsOf(await describeFeed(feed.id)), files: await auditStreamFiles(h.env.LAKE_DIR, feed.id) };
    expect(Object.keys(afterOne.meta)).toHaveLength(6);
    expect(Object.values(afterOne.meta).every((s) => s.checksum !== null && s.rows > 0)).toBe(true);

    // Reset: a new run of the same workflow id replays from the first workflow task, so it exports again.
    const { workflowId } = first.handle;
    const resetRunId = await reset(workflowId, first.handle.firstExecutionRunId, await workflowTaskCompleted(workflowId, first.handle.firstExecutionRunId, { nth: 1 }));
    const again = await h.client.workflow.getHandle(workflowId, resetRunId).result();
    expect(again).toEqual(once);
    const meta = await describeFeed(feed.id);
    expect(meta?.kind === 'stream' && Object.values(meta.slots).every((s) => s.runId === resetRunId)).toBe(true); // it did write again
    expect(slotsOf(meta)).toEqual(afterOne.meta);
    expect(await auditStreamFiles(h.env.LAKE_DIR, feed.id)).toEqual(afterOne.files);

    // "Start workflow like this one": the same id and input, a third run.
    const third = await startExport(h.client, feed, request);
    expect(third.handle.firstExecutionRunId).not.toBe(resetRunId);
    expect(await third.handle.result()).toEqual(once);
    expect(slotsOf(await describeFeed(feed.id))).toEqual(afterOne.meta);
    expect(await auditStreamFiles(h.env.LAKE_DIR, feed.id)).toEqual(afterOne.files);
  });

  it('a table snapshot reset to just after its lake export reruns only the warehouse load, which finds its receipt: nothing changes', async () => {
    const feed = getFeed(h.deps.feeds, 'user_transaction_summary');
    const run = await startExport(h.client, feed, { taskQueue: h.taskQueue });
    if (run.kind !== 'table') throw new Error('expected a table export');
    const once = await run.handle.result();
    const warehouseState = async () => ({
      receipts: await h.deps.warehouse.query('SELECT feed, snapshot_version, row_count, lake_checksum FROM etl_snapshot_loads ORDER BY snapshot_version'),
      facts: await h.deps.warehouse.query('SELECT snapshot_version, count(*) AS n FROM fact_user_transaction_summary GROUP BY snapshot_version'),
    });
    const afterOne = { lake: await describeFeed(feed.id), warehouse: await warehouseState() };
    expect(afterOne.warehouse.receipts).toHaveLength(1);

    const { workflowId, firstExecutionRunId: runId } = run.handle;
    const afterExport = await workflowTaskCompleted(workflowId, runId, { after: (e) => Boolean(e.activityTaskCompletedEventAttributes) });
    const resetRunId = await reset(workflowId, runId, afterExport);
    expect(await h.client.workflow.getHandle(workflowId, resetRunId).result()).toEqual(once);
    expect(await describeFeed(feed.id)).toEqual(afterOne.lake);
    expect(await warehouseState()).toEqual(afterOne.warehouse);
  });
});
