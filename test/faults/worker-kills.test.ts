import { createConnection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExport } from '../../client/run/start-export.js';
import { getFeed } from '../../config/load-feeds.js';
import { Prng } from '../../generator/prng.js';
import { Lake } from '../../lake/index.js';
import { FAULT_TUNING, startFaultRig, sleep, type FaultRig } from '../helpers/fault-rig.js';
import { auditStreamFiles, expectedStreamFiles, lakeLeftovers } from '../helpers/lake-audit.js';
import { streamRange } from '../helpers/stream-range.js';

// SIGKILL, not SIGTERM: nothing of the worker gets to clean up. Temporal notices the lost attempt by
// its missing heartbeats, so the runs here carry a short heartbeat timeout (FAULT_TUNING).
const TUNING = FAULT_TUNING;
const FEED = 'transaction_stream';
const DAY1 = '2026-09-01T00:00:00.000Z';
const DAY2 = '2026-09-02T00:00:00.000Z';
const DAY3 = '2026-09-03T00:00:00.000Z';
const HOUR = 3_600_000;
const ROWS_PER_DAY = Number(process.env.FAULTS_ROWS_PER_DAY ?? 50_000);
const KILLS = Number(process.env.FAULTS_KILLS ?? 10);
const SEED = Number(process.env.FAULTS_SEED ?? 8);

let rig: FaultRig;
beforeAll(async () => {
  rig = await startFaultRig({ name: 'kills', dataset: { seed: 5, start: DAY1, days: 2, rowsPerDay: ROWS_PER_DAY } });
});
afterAll(() => rig?.stop());

type AttemptLine = { msg: string; workflowId?: unknown; workflowRunId?: unknown; activityType?: unknown };
/** An attempt's log line, of one workflow (and, given its run id, of that run only: a rerun keeps the workflow id). */
const ofRun = (l: AttemptLine, workflowId: string, activityType: string, runId?: string) =>
  l.workflowId === workflowId && l.activityType === activityType && (runId === undefined || l.workflowRunId === runId);
const isAttemptStart = (workflowId: string, activityType: string, runId?: string) => (l: AttemptLine) =>
  l.msg === 'activity started' && ofRun(l, workflowId, activityType, runId);
const isAttemptEnd = (workflowId: string, activityType: string, runId?: string) => (l: AttemptLine) =>
  (l.msg === 'activity completed' || l.msg === 'activity failed') && ofRun(l, workflowId, activityType, runId);

describe('worker killed with SIGKILL', () => {
  it(`${KILLS} times at random points of a stream range export: every slot file holds exactly the source's rows, nothing left in staging`, async () => {
    const feed = getFeed(rig.feeds, FEED);
    const transactions = rig.standin.dataset.transactions;
    let worker = await rig.startWorker();

    // A clean export of day 1 measures how long one attempt takes (the activity alone, as its worker
    // logged it: the workflow around it adds time an attempt does not have), so the kill points fall inside one.
    const clean = await startExport(rig.client, feed, { range: streamRange(feed, DAY1, DAY2), taskQueue: rig.env.TEMPORAL_TASK_QUEUE, tuning: TUNING });
    await clean.handle.result();
    // the worker's stdout may trail the workflow's result by a moment
    const cleanMs = Number((await worker.waitForLine(isAttemptEnd(clean.handle.workflowId, 'exportStreamSlots'), 10_000)).durationMs);
    expect(cleanMs).toBeGreaterThan(0);

    const prng = new Prng(SEED);
    const kills: Array<{ run: number; attempt: number; afterMs: number; stagingEntries: number; published: number }> = [];
    // Attempts vary with the machine's load, and a retry that finds its range committed by its own run
    // ends at once: a kill point past an attempt's end kills nothing. The run then completes; the test
    // starts the window again (a rerun, as from the Web UI) and goes on killing, so every kill meets a live attempt.
    const missed: Array<{ run: number; attempt: number; afterMs: number }> = [];
    const began = Date.now();
    const startRun = () => startExport(rig.client, feed, { range: streamRange(feed, DAY2, DAY3), taskQueue: rig.env.TEMPORAL_TASK_QUEUE, tuning: TUNING });
    let run = await startRun();
    let runNumber = 1;
    const workflowId = run.handle.workflowId;
    while (kills.length < KILLS) {
      const runId = run.handle.firstExecutionRunId;
      const started = await Promise.race([
        worker.waitForLine(isAttemptStart(workflowId, 'exportStreamSlots', runId), 120_000),
        run.handle.result().then(() => undefined),
      ]);
      if (started === undefined) {
        // The run ended with no attempt on this worker: the last kill came after its attempt had
        // reported completion to Temporal but before the worker's "completed" line reached us, so it
        // killed nothing. It counts as a missed kill point, and the window is started again.
        if (worker.lines.some(isAttemptStart(workflowId, 'exportStreamSlots', runId))) throw new Error(`run ${runNumber} ended without its attempt's start line being seen`);
        const late = kills.pop();
        if (!late) throw new Error(`run ${runNumber} ended before any attempt of it was seen`);
        missed.push({ run: late.run, attempt: late.attempt, afterMs: late.afterMs });
        expect(missed.length, 'kill points past their attempt\'s end').toBeLessThanOrEqual(KILLS);
        run = await startRun();
        runNumber++;
        continue;
      }
      const afterMs = Math.round(prng.next() * cleanMs * 0.7);
      await sleep(afterMs);
      if (worker.lines.some(isAttemptEnd(workflowId, 'exportStreamSlots', runId))) {
        missed.push({ run: runNumber, attempt: Number(started.attempt), afterMs });
        // a bound, so a machine whose attempts always outrun their kill points fails here instead of looping
        expect(missed.length, 'kill points past their attempt\'s end').toBeLessThanOrEqual(KILLS);
        await run.handle.result();
        run = await startRun();
        runNumber++;
        continue;
      }
      const published = (await auditStreamFiles(rig.env.LAKE_DIR, FEED)).size;
      const stagingEntries = (await lakeLeftovers(rig.env.LAKE_DIR)).length;
      worker.proc.kill('SIGKILL');
      await worker.exited;
      kills.push({ run: runNumber, attempt: Number(started.attempt), afterMs, stagingEntries, published });
      worker = await rig.startWorker();
    }
    const result = await run.handle.result();
    const totalMs = Date.now() - began;
    const last = worker.lines.find(isAttemptStart(workflowId, 'exportStreamSlots', run.handle.firstExecutionRunId));
    console.log(`[faults] clean attempt ${cleanMs} ms; ${kills.length} kills in ${runNumber} run(s) (${missed.length} kill points past their attempt's end), then done in ${totalMs} ms total:`, JSON.stringify(kills));

    expect(kills).toHaveLength(KILLS);
    // within a run each kill met a new attempt, and the attempt that completed the last run came after its kills
    for (let r = 1; r <= runNumber; r++) {
      const attempts = kills.filter((k) => k.run === r).map((k) => k.attempt);
      expect(attempts).toEqual([...new Set(attempts)].sort((a, b) => a - b));
    }
    const lastRunKills = kills.filter((k) => k.run === runNumber);
    if (lastRunKills.length > 0) expect(Number(last?.attempt)).toBeGreaterThan(lastRunKills.at(-1)!.attempt);
    expect(kills.some((k) => k.stagingEntries > 0)).toBe(true); // some kills did hit a half-written attempt

    const expected = expectedStreamFiles(transactions, FEED, Date.parse(DAY1), Date.parse(DAY3), HOUR);
    expect(expected.size).toBe(48);
    expect(await auditStreamFiles(rig.env.LAKE_DIR, FEED)).toEqual(expected);
    expect(result.rows).toBe([...expected.values()].filter((_, i) => i >= 24).reduce((n, s) => n + s.rows, 0));
    expect(await lakeLeftovers(rig.env.LAKE_DIR)).toEqual([]);
    await worker.stop();
  });
});

/** Open transactions that changed rows in this suite's database (the MariaDB is shared), `and` narrowing them. */
const openTransactions = (and: string) => rig.warehouse.query<{ rows: number }>(
  `SELECT t.trx_rows_modified AS \`rows\` FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id
    WHERE p.DB = ? AND t.trx_rows_modified > 0 ${and}`, [rig.warehouse.database]);
const factCount = async () => Number((await rig.warehouse.query<{ n: number }>('SELECT count(*) AS n FROM fact_user_transaction_summary'))[0]!.n);

describe('worker killed during a warehouse load', () => {
  it('leaves the version all there or not at all: after the kill nothing of it, after the retry all of it, once', async () => {
    const TABLE = 'user_transaction_summary';
    const feed = getFeed(rig.feeds, TABLE);
    let worker = await rig.startWorker();
    // A lock on the receipts' gap: the load inserts every fact, then waits to write its receipt,
    // which is where a kill can least afford to land (the facts are in, uncommitted).
    let run: Awaited<ReturnType<typeof startExport>> | undefined;
    const blocker = await createConnection(rig.env.MYSQL_URL);
    const began = Date.now();
    let killedAfterMs = 0;
    try {
      await blocker.beginTransaction();
      await blocker.query("SELECT * FROM etl_snapshot_loads WHERE feed > '~' FOR UPDATE");
      run = await startExport(rig.client, feed, { taskQueue: rig.env.TEMPORAL_TASK_QUEUE, tuning: TUNING });
      await worker.waitForLine(isAttemptStart(run.handle.workflowId, 'loadWarehouseSnapshot'), 120_000);
      let waiting: Array<{ rows: number }> = [];
      for (let i = 0; waiting.length === 0; i++) {
        expect(i).toBeLessThan(300);
        await sleep(100);
        waiting = await openTransactions("AND t.trx_query LIKE 'INSERT INTO etl_snapshot_loads%' AND t.trx_state = 'LOCK WAIT'");
      }
      expect(Number(waiting[0]!.rows)).toBeGreaterThan(0); // facts and dimensions written, not committed
      worker.proc.kill('SIGKILL');
      await worker.exited;
      killedAfterMs = Date.now() - began;
    } finally {
      // The dead worker's statement now gets its lock; the server sees the socket closed when it
      // waits for the COMMIT that never comes, and rolls the transaction back.
      await blocker.rollback();
      await blocker.end();
    }
    for (let i = 0; (await openTransactions('')).length > 0; i++) {
      expect(i).toBeLessThan(300);
      await sleep(100);
    }
    expect(await factCount()).toBe(0);
    expect(await rig.warehouse.query('SELECT * FROM etl_snapshot_loads')).toEqual([]);

    if (run?.kind !== 'table') throw new Error('expected a table export');
    worker = await rig.startWorker();
    const result = await run.handle.result();
    console.log(`[faults] warehouse load: killed ${killedAfterMs} ms after start, version ${result.version} loaded in ${Date.now() - began} ms total`);
    const lake = await Lake.open(rig.env.LAKE_DIR);
    const meta = await lake.describeFeed(TABLE).finally(() => lake.close());
    const lakeRows = meta?.kind === 'table' ? meta.versions.find((v) => v.version === result.version)?.rows : undefined;
    expect(lakeRows).toBeGreaterThan(0);
    expect(result.warehouseRows).toBe(lakeRows);
    const receipts = await rig.warehouse.query<{ snapshot_version: number; row_count: number }>(
      'SELECT snapshot_version, row_count FROM etl_snapshot_loads WHERE feed = ?', [TABLE]);
    expect(receipts.map((r) => [Number(r.snapshot_version), Number(r.row_count)])).toEqual([[result.version, lakeRows]]);
    const loaded = await rig.warehouse.query<{ v: number; n: number }>('SELECT snapshot_version AS v, count(*) AS n FROM fact_user_transaction_summary GROUP BY snapshot_version');
    expect(loaded.map((r) => [Number(r.v), Number(r.n)])).toEqual([[result.version, lakeRows]]);
    await worker.stop();
  });
});
