import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { backfillInput } from '../../client/backfill/backfill-input.js';
import { startBackfill } from '../../client/backfill/start-backfill.js';
import { applySchedules } from '../../client/schedules/apply-schedules.js';
import { listScheduleIds } from '../../client/schedules/list-schedule-ids.js';
import { getFeed } from '../../config/load-feeds.js';
import { startTemporalDevServer, type TemporalDevServer } from '../../dev/temporal-dev-server.js';
import type { ScheduledExportResult } from '../../workflows/scheduled-export-workflow.js';
import { readLocalFeedMetadata } from '../helpers/lake-layout.js';
import { FAULT_TUNING, sleep, startFaultRig, type FaultRig, type ReadyWorker } from '../helpers/fault-rig.js';
import { auditStreamFiles, expectedStreamFiles, lakeLeftovers } from '../helpers/lake-audit.js';
import { freePort } from '../helpers/services.js';

// A dev server of this file's own, on a database file: stopping the shared one would fail every other suite.
const FEED = 'transaction_stream';
const FROM = '2026-07-01T00:00:00Z';
const HOUR = 3_600_000;
const DAYS = 3;
const PREFIX = 'restart:';

let dir: string;
let port: number;
let server: TemporalDevServer;
let rig: FaultRig;
const startServer = () => startTemporalDevServer({ binary: inject('temporalCli'), port, uiPort: null, dbFile: join(dir, 'temporal.db'), detached: false });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ksql-etl-restart-'));
  // A free port can be taken by another suite's process before the server binds it (its other
  // listeners pick free ports of their own too): one more try on a fresh port, then the error.
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      server = await startServer();
      break;
    } catch (err) {
      if (attempt >= 2) throw err;
      console.log(`[faults] the dev server did not start on port ${port}, trying another: ${(err as Error).message.split('\n').slice(0, 3).join(' | ')}`);
    }
  }
  rig = await startFaultRig({ name: 'restart', temporalAddress: server.address, dataset: { seed: 3, start: FROM, days: DAYS + 1, rowsPerDay: 2400 } });
});
afterAll(async () => {
  await rig?.stop();
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function scheduledRun(scheduledAt: string): Promise<ScheduledExportResult> {
  const handle = rig.client.workflow.getHandle(`${PREFIX}${FEED}-${scheduledAt}`);
  for (let i = 0; ; i++) {
    try {
      return (await handle.result()) as ScheduledExportResult;
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError) || i > 300) throw err;
      await sleep(200);
    }
  }
}

describe('Temporal dev server stopped and started again', () => {
  it('during a backfill: the backfill and the schedules carry on from the database file, and the lake ends complete', async () => {
    const options = { feedsDir: rig.env.FEEDS_DIR, taskQueue: rig.env.TEMPORAL_TASK_QUEUE, prefix: PREFIX };
    await applySchedules(rig.client, rig.feeds, options);
    const schedulesBefore = await listScheduleIds(rig.client, PREFIX);
    let worker: ReadyWorker = await rig.startWorker();
    // Every pull stalls a moment, so the backfill is surely half-way when the server goes.
    rig.standin.faults.add({ fault: 'stall', match: { path: '/query-stream', sqlContains: FEED }, afterRows: 10, stallMs: 700, times: 0 });
    const bf = { ...backfillInput(getFeed(rig.feeds, FEED), {
      from: FROM, to: new Date(Date.parse(FROM) + DAYS * 24 * HOUR).toISOString(), chunk: '3h', concurrency: 1, missingOnly: false,
    }, new Date()), tuning: FAULT_TUNING };
    const began = Date.now();
    const handle = await startBackfill(rig.client, bf, rig.env.TEMPORAL_TASK_QUEUE);
    const meta = async () => {
      const m = await readLocalFeedMetadata(rig.env.LAKE_DIR, 'stream', FEED);
      return m?.kind === 'stream' ? Object.keys(m.slots).length : 0;
    };
    while ((await meta()) < 12) await sleep(100);

    await server.stop();
    const slotsAtStop = await meta();
    const stoppedAt = Date.now() - began;
    await sleep(5000);
    server = await startServer();
    const downMs = Date.now() - began - stoppedAt;
    // The worker may give up on a server that is gone; a deployment's supervisor would restart it.
    if (worker.proc.exitCode !== null || worker.proc.signalCode !== null) worker = await rig.startWorker();

    const result = await handle.result();
    console.log(`[faults] server stopped ${stoppedAt} ms into the backfill (${slotsAtStop}/${DAYS * 24} slots), back after ${downMs} ms; done in ${Date.now() - began} ms`);
    rig.standin.faults.clear();
    expect(slotsAtStop).toBeLessThan(DAYS * 24);
    expect(result).toMatchObject({ slotsTotal: DAYS * 24, slotsDone: DAYS * 24, slotsFailed: 0 });
    const start = Date.parse(FROM);
    expect(await auditStreamFiles(rig.env.LAKE_DIR, FEED)).toEqual(expectedStreamFiles(rig.standin.dataset.transactions, FEED, start, start + DAYS * 24 * HOUR, HOUR));
    expect(await lakeLeftovers(rig.env.LAKE_DIR)).toEqual([]);

    // The schedules came back with the server, and still start exports: one scheduled time of the next day.
    expect(await listScheduleIds(rig.client, PREFIX)).toEqual(schedulesBefore);
    const scheduledAt = new Date(start + DAYS * 24 * HOUR + 5 * HOUR + 5 * 60_000).toISOString().replace('.000Z', 'Z');
    await rig.client.schedule.getHandle(`${PREFIX}${FEED}`).backfill({ start: new Date(Date.parse(scheduledAt) - 1000), end: new Date(Date.parse(scheduledAt) + 60_000) });
    const scheduled = await scheduledRun(scheduledAt);
    expect(scheduled.outcome).toBe('exported');
    expect(scheduled.rows).toBeGreaterThan(0);
    await worker.stop();
  });
});
