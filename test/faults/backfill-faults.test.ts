import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillInput } from '../../client/backfill/backfill-input.js';
import { startBackfill } from '../../client/backfill/start-backfill.js';
import { getFeed } from '../../config/load-feeds.js';
import type { BackfillInput } from '../../workflows/backfill-workflow.js';
import { FAULT_TUNING, sleep, startFaultRig, type FaultRig } from '../helpers/fault-rig.js';
import { auditStreamFiles, expectedStreamFiles, lakeLeftovers } from '../helpers/lake-audit.js';

const FEED = 'transaction_stream';
const FROM = '2026-08-01T00:00:00Z';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let rig: FaultRig;
beforeAll(async () => {
  rig = await startFaultRig({ name: 'bffaults', dataset: { seed: 9, start: FROM, days: 4, rowsPerDay: 4800 } });
});
afterAll(() => rig?.stop());

/** A backfill of days [first, first + days) of the dataset, 6 h chunks, with the fault tests' tuning. */
function input(firstDay: number, days: number): BackfillInput {
  const from = new Date(Date.parse(FROM) + firstDay * DAY).toISOString();
  const to = new Date(Date.parse(FROM) + (firstDay + days) * DAY).toISOString();
  return {
    ...backfillInput(getFeed(rig.feeds, FEED), { from, to, chunk: '6h', concurrency: 2, missingOnly: false }, new Date()),
    tuning: FAULT_TUNING,
  };
}

/** The lake holds exactly the source's rows for every slot of the days exported so far. */
async function expectLakeExact(days: number): Promise<void> {
  const start = Date.parse(FROM);
  expect(await auditStreamFiles(rig.env.LAKE_DIR, FEED)).toEqual(expectedStreamFiles(rig.standin.dataset.transactions, FEED, start, start + days * DAY, HOUR));
  expect(await lakeLeftovers(rig.env.LAKE_DIR)).toEqual([]);
}

describe('backfill under faults', () => {
  it('two workers, one killed with SIGKILL in the middle of an export: the other finishes the backfill, exactly once', async () => {
    const one = { WORKER_MAX_CONCURRENT_ACTIVITIES: '1' };
    const [a, b] = await Promise.all([rig.startWorker(one), rig.startWorker(one)]);
    // Each chunk's pull stalls 1.5 s mid-stream, so exports are still running when the kill comes.
    rig.standin.faults.add({ fault: 'stall', match: { path: '/query-stream', sqlContains: FEED }, afterRows: 50, stallMs: 1500, times: 0 });
    const began = Date.now();
    const handle = await startBackfill(rig.client, input(0, 2), rig.env.TEMPORAL_TASK_QUEUE);
    const busy = (l: { msg: string; activityType?: unknown }) => l.msg === 'activity started' && l.activityType === 'exportStreamSlots';
    const victim = await Promise.any([a, b].map((w) => w.waitForLine(busy, 60_000).then(() => w)));
    const survivor = victim === a ? b : a;
    await sleep(500);
    victim.proc.kill('SIGKILL');
    await victim.exited;
    const killedAtMs = Date.now() - began;
    const result = await handle.result();
    rig.standin.faults.clear();
    console.log(`[faults] two workers: one killed ${killedAtMs} ms into the backfill; the other finished it in ${Date.now() - began} ms`);

    expect(result).toMatchObject({ slotsTotal: 48, slotsDone: 48, slotsFailed: 0, failedChunks: [] });
    await expectLakeExact(2);
    // the export the victim held was retried, on the survivor, as a later attempt
    const retried = survivor.lines.filter((l) => busy(l) && Number(l.attempt) > 1);
    expect(retried.length).toBeGreaterThan(0);
    await survivor.stop();
  });

  it('the stand-in gone for a while: the exports retry their pulls and the backfill completes', async () => {
    const worker = await rig.startWorker();
    const began = Date.now();
    const handle = await startBackfill(rig.client, input(2, 2), rig.env.TEMPORAL_TASK_QUEUE);
    await worker.waitForLine((l) => l.msg === 'activity completed' && l.activityType === 'exportStreamSlots', 60_000);
    await rig.stopStandin();
    const downAt = Date.now() - began;
    await sleep(8000);
    await rig.restartStandin();
    const result = await handle.result();
    const failedPulls = worker.lines.filter((l) => l.msg === 'activity failed' && l.activityType === 'exportStreamSlots').length;
    console.log(`[faults] stand-in down from ${downAt} ms for 8 s: ${failedPulls} failed attempts, backfill done in ${Date.now() - began} ms`);

    expect(failedPulls).toBeGreaterThan(0);
    expect(result).toMatchObject({ slotsTotal: 48, slotsDone: 48, slotsFailed: 0 });
    await expectLakeExact(4);
    await worker.stop();
  });
});
