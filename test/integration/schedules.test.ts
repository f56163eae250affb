import { randomUUID } from 'node:crypto';
import { settingsOf } from '../../client/common/cli-deps.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ScheduleNotFoundError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { defineSearchAttributeKey } from '@temporalio/common';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnknownFeedError } from '../../config/errors.js';
import { getFeed } from '../../config/load-feeds.js';
import { applySchedules } from '../../client/schedules/apply-schedules.js';
import { listScheduleIds } from '../../client/schedules/list-schedule-ids.js';
import { listSchedules } from '../../client/schedules/list-schedules.js';
import { schedulesCommand } from '../../client/commands/schedules.js';
import { startExport } from '../../client/run/start-export.js';
import { UsageError } from '../../client/common/usage-error.js';
import { streamDirOf } from '../helpers/lake-layout.js';
import type { ScheduledExportResult } from '../../workflows/scheduled-export-workflow.js';
import { startHarness, type Harness } from '../helpers/etl-harness.js';
import { streamRange } from '../helpers/stream-range.js';

const DAY = '2026-10-01';
const HOUR = 3_600_000;
// The dev server is shared by every suite: this suite's schedules live under a prefix of their own.
const prefix = `test-${randomUUID().slice(0, 8)}:`;
let h: Harness;
let lines: string[] = [];

beforeAll(async () => {
  h = await startHarness({ name: 'schedules', dataset: { seed: 11, start: `${DAY}T00:00:00Z`, days: 1, rowsPerDay: 1200 } });
});
afterAll(async () => {
  if (!h) return;
  for (const id of await listScheduleIds(h.client, prefix)) await h.client.schedule.getHandle(id).delete().catch(() => undefined);
  await h.stop();
});

const apply = (feeds = h.deps.feeds, prune = false) => applySchedules(h.client, feeds, { feedsDir: h.env.FEEDS_DIR, taskQueue: h.taskQueue, prefix, prune });
const outcomes = (changes: Array<{ feed: string; outcome: string }>) => Object.fromEntries(changes.map((c) => [c.feed, c.outcome]));
const describeSchedule = (feed: string) => h.client.schedule.getHandle(`${prefix}${feed}`).describe();
const sourceRowsIn = (start: string) =>
  h.standin.dataset.transactions.filter((t) => t.timestamp >= Date.parse(start) && t.timestamp < Date.parse(start) + HOUR).length;

/** `ksql-etl schedules …` as the command line runs it, on this suite's prefix and task queue. */
async function cli(...args: string[]): Promise<string[]> {
  lines = [];
  const deps = { settings: settingsOf(h.env), processEnv: process.env, out: (line: string) => lines.push(line), note: () => {} };
  await new Command().exitOverride().addCommand(schedulesCommand(deps, { prefix, taskQueue: h.taskQueue })).parseAsync(['schedules', ...args], { from: 'user' });
  return lines;
}

/** Listing goes through visibility, which lags creation by a moment. */
async function untilListed(count: number): Promise<string[]> {
  for (let i = 0; ; i++) {
    const ids = await listScheduleIds(h.client, prefix);
    if (ids.length === count || i > 50) return ids;
    await sleep(200);
  }
}

/**
 * A backfill over exactly one scheduled time. The server compares the *jittered* time with the
 * end, so the range must reach past the jitter (30 s); the next scheduled time is an hour away.
 */
const instant = (iso: string) => ({ start: new Date(Date.parse(iso) - 1000), end: new Date(Date.parse(iso) + 60_000) });

/** The result of the run a schedule started for one scheduled time (the server names it `<id>-<time>`). */
async function scheduledRun(client: Client, feed: string, scheduledAt: string): Promise<ScheduledExportResult> {
  const handle = client.workflow.getHandle(`${prefix}${feed}-${scheduledAt}`);
  for (let i = 0; ; i++) {
    try {
      return (await handle.result()) as ScheduledExportResult;
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError) || i > 100) throw err;
      await sleep(200);
    }
  }
}

describe('schedules from the feed registry', () => {
  it('apply creates one schedule per feed; applying again changes nothing', async () => {
    // eight feeds and the lake's retention
    expect(Object.values(outcomes(await apply()))).toEqual(Array(9).fill('created'));
    expect(await untilListed(9)).toEqual([...h.deps.feeds.keys(), 'lake:retention'].map((f) => `${prefix}${f}`).sort());
    expect(Object.values(outcomes(await apply()))).toEqual(Array(9).fill('unchanged'));
    const retention = await describeSchedule('lake:retention');
    expect(retention.spec.intervals).toEqual([{ every: 24 * HOUR, offset: 3 * HOUR }]);
    expect(retention.action).toMatchObject({ workflowType: 'retentionWorkflow', taskQueue: h.taskQueue, args: [{}] });
    expect(retention.policies.overlap).toBe('SKIP');
    const stream = await describeSchedule('transaction_stream');
    expect(stream.spec.intervals).toEqual([{ every: HOUR, offset: 300_000 }]);
    expect(stream.policies).toMatchObject({ overlap: 'BUFFER_ONE', catchupWindow: 86_400_000 });
    expect(stream.action).toMatchObject({ workflowType: 'scheduledExportWorkflow', taskQueue: h.taskQueue, memo: { schedule: 'every 1h, 5m late (UTC)' } });
    expect((await describeSchedule('user_transaction_summary')).policies.overlap).toBe('SKIP');
  });

  it('a removed feed\'s schedule is reported orphaned, and deleted only with --prune', async () => {
    const fewer = new Map(h.deps.feeds);
    fewer.delete('transaction_flattened');
    expect(outcomes(await apply(fewer))).toMatchObject({ transaction_flattened: 'orphaned', transaction_stream: 'unchanged' });
    await expect(describeSchedule('transaction_flattened')).resolves.toBeDefined();
    expect(outcomes(await apply(fewer, true))).toMatchObject({ transaction_flattened: 'deleted' });
    await expect(describeSchedule('transaction_flattened')).rejects.toBeInstanceOf(ScheduleNotFoundError);
    expect(outcomes(await apply())).toMatchObject({ transaction_flattened: 'created', transaction_stream: 'unchanged' });
  });

  it('pause keeps its note through apply, even when apply updates the schedule; unpause; delete', async () => {
    expect(await cli('pause', 'transaction_stream', '--reason', 'ksqlDB maintenance')).toEqual([`transaction_stream: paused (${prefix}transaction_stream)`]);
    expect((await describeSchedule('transaction_stream')).state).toMatchObject({ paused: true, note: 'ksqlDB maintenance' });
    const edited = new Map(h.deps.feeds);
    const feed = getFeed(h.deps.feeds, 'transaction_stream');
    if (feed.kind !== 'stream') throw new Error('transaction_stream is a stream feed');
    edited.set(feed.id, { ...feed, schedule: { every: '2h', delay: '10m' } });
    expect(outcomes(await apply(edited))).toMatchObject({ transaction_stream: 'updated', transaction_flattened: 'unchanged' });
    const updated = await describeSchedule('transaction_stream');
    expect(updated.spec.intervals).toEqual([{ every: 2 * HOUR, offset: 600_000 }]);
    expect(updated.state).toMatchObject({ paused: true, note: 'ksqlDB maintenance' });
    expect(outcomes(await apply())).toMatchObject({ transaction_stream: 'updated' });
    await cli('unpause', 'transaction_stream');
    expect((await describeSchedule('transaction_stream')).state.paused).toBe(false);
    const rows = await listSchedules(h.client, h.deps.feeds, prefix);
    expect(rows.find((r) => r.feed === 'transaction_stream')).toMatchObject({ schedule: 'every 1h, 5m late (UTC)', paused: false });
    expect(rows.find((r) => r.feed === 'transaction_stream')?.nextRuns[0]).toMatch(/T\d\d:05:\d\d/);

    // the retention schedule answers to its name like a feed's
    expect(await cli('pause', 'lake:retention')).toEqual([`lake:retention: paused (${prefix}lake:retention)`]);
    expect((await describeSchedule('lake:retention')).state.paused).toBe(true);
    expect(outcomes(await apply())).toMatchObject({ 'lake:retention': 'unchanged' });
    expect((await describeSchedule('lake:retention')).state.paused).toBe(true);
    await cli('unpause', 'lake:retention');
    expect((await describeSchedule('lake:retention')).state.paused).toBe(false);
    expect((await listSchedules(h.client, h.deps.feeds, prefix)).find((r) => r.feed === 'lake:retention')).toMatchObject({ schedule: 'daily at 03:00 (UTC)' });
    expect(await cli('trigger', 'lake:retention')).toEqual([`lake:retention: triggered (${prefix}lake:retention)`]);
    let started: string | undefined;
    for (let i = 0; !started && i < 100; i++, await sleep(200)) started = (await describeSchedule('lake:retention')).info.recentActions[0]?.action.workflow.workflowId;
    const ran = (await h.client.workflow.getHandle(started!).result()) as { feeds: Array<{ feed: string }> };
    expect(ran.feeds.map((f) => f.feed).sort()).toEqual([...h.deps.feeds.keys()].sort());

    await cli('delete', 'transaction_flattened');
    await expect(describeSchedule('transaction_flattened')).rejects.toBeInstanceOf(ScheduleNotFoundError);
    await expect(cli('trigger', 'transaction_flattened')).rejects.toThrow(UsageError);
    await expect(cli('trigger', 'transaction_flattened')).rejects.toThrow(/run `ksql-etl schedules apply`/);
    await expect(cli('pause', 'no_such_feed')).rejects.toBeInstanceOf(UnknownFeedError);
    await apply();
  });

  it('a backfilled instant exports the window of its scheduled time under the canonical id', async () => {
    const scheduledAt = `${DAY}T11:05:00Z`;
    await h.client.schedule.getHandle(`${prefix}transaction_stream`).backfill(instant(scheduledAt));
    const result = await scheduledRun(h.client, 'transaction_stream', scheduledAt);
    const start = `${DAY}T10:00:00.000Z`;
    expect(result).toMatchObject({
      outcome: 'exported',
      workflowId: `export:transaction_stream:${DAY}T10:00:00Z`,
      window: { start, end: `${DAY}T11:00:00.000Z` },
      rows: sourceRowsIn(start),
    });
    expect(result.rows).toBeGreaterThan(10);
    // The server hands the scheduled time as a typed attribute, the first thing the workflow reads.
    const run = await h.client.workflow.getHandle(`${prefix}transaction_stream-${scheduledAt}`).describe();
    expect(run.typedSearchAttributes.get(defineSearchAttributeKey('TemporalScheduledStartTime', 'DATETIME'))).toEqual(new Date(scheduledAt));
    const child = await h.client.workflow.getHandle(result.workflowId).describe();
    expect(child.status.name).toBe('COMPLETED');
    expect(existsSync(join(streamDirOf(h.env.LAKE_DIR, 'transaction_stream'), `date=${DAY}`, 'transaction_stream__20261001T100000Z.parquet'))).toBe(true);
  });

  it('when the window is already running (a manual run), the scheduled run leaves it alone and says so', async () => {
    await h.stopStandin(); // the manual run now retries its pull and stays running
    const feed = getFeed(h.deps.feeds, 'transaction_stream');
    const manual = await startExport(h.client, feed, { range: streamRange(feed, `${DAY}T12:00:00Z`), taskQueue: h.taskQueue });
    const scheduledAt = `${DAY}T13:05:00Z`;
    await h.client.schedule.getHandle(`${prefix}transaction_stream`).backfill(instant(scheduledAt));
    const result = await scheduledRun(h.client, 'transaction_stream', scheduledAt);
    expect(result).toMatchObject({ outcome: 'already-running', workflowId: manual.handle.workflowId, rows: null });
    expect(manual.handle.workflowId).toBe(`export:transaction_stream:${DAY}T12:00:00Z`);
    await h.restartStandin();
    expect((await manual.handle.result()).rows).toBe(sourceRowsIn(`${DAY}T12:00:00Z`));
  });

  it('a triggered table schedule takes a snapshot and loads it into the warehouse', async () => {
    await cli('trigger', 'user_transaction_summary');
    let runId: string | undefined;
    for (let i = 0; !runId && i < 100; i++) {
      runId = (await describeSchedule('user_transaction_summary')).info.recentActions.at(-1)?.action.workflow.workflowId;
      if (!runId) await sleep(200);
    }
    const result = (await h.client.workflow.getHandle(runId!).result()) as ScheduledExportResult;
    const users = new Set(h.standin.dataset.transactions.map((t) => t.user_id)).size;
    expect(result).toMatchObject({ outcome: 'exported', rows: users, window: null });
    expect(result.workflowId).toBe(`export:user_transaction_summary:${result.scheduledAt.replace(/\.\d{3}Z$/, 'Z')}`);
    const [loaded] = await h.deps.warehouse.query<{ n: string }>('SELECT COUNT(*) AS n FROM fact_user_transaction_summary WHERE snapshot_version = ?', [result.version]);
    expect(Number(loaded?.n)).toBe(users);
  });
});
