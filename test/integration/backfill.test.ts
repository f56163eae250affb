import { readFile, writeFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { backfillInput } from '../../client/backfill/backfill-input.js';
import { runBackfill } from '../../client/backfill/run-backfill.js';
import { startExport } from '../../client/run/start-export.js';
import { startBackfill } from '../../client/backfill/start-backfill.js';
import { settingsOf, type CliDeps } from '../../client/common/cli-deps.js';
import { buildProgram } from '../../client/program.js';
import { UsageError } from '../../client/common/usage-error.js';
import { getFeed } from '../../config/load-feeds.js';
import { metadataPath, streamMetadataSchema } from '../../lake/index.js';
import { backfillProgressQuery, type BackfillProgress } from '../../workflows/backfill-progress.js';
import type { BackfillInput } from '../../workflows/backfill-workflow.js';
import { startHarness, type Harness } from '../helpers/etl-harness.js';
import { streamRange } from '../helpers/stream-range.js';

const FROM = '2026-10-01T00:00:00Z';
const TO = '2026-10-04T00:00:00Z';
const HOUR = 3_600_000;
const FEED = 'transaction_stream';
let h: Harness;
let queries: MockInstance;

beforeAll(async () => {
  h = await startHarness({ name: 'backfill', dataset: { seed: 11, start: FROM, days: 3, rowsPerDay: 240 } });
});
beforeEach(() => {
  // Counted where the worker's activities reach ksqlDB: one call is one source request.
  queries = vi.spyOn(h.deps.ksql, 'queryLines');
});
afterEach(() => {
  queries.mockRestore();
  h.standin.faults.clear();
});
afterAll(() => h?.stop());

const sourceRows = (startMs: number, endMs: number) =>
  h.standin.dataset.transactions.filter((t) => t.timestamp >= startMs && t.timestamp < endMs).length;
const input = (over: Partial<BackfillInput & { from: string; to: string; chunk: string }> = {}): BackfillInput => ({
  ...backfillInput(getFeed(h.deps.feeds, FEED), { from: over.from ?? FROM, to: over.to ?? TO, chunk: over.chunk ?? '1d', concurrency: 2, missingOnly: false }, new Date()),
  ...over,
});
const metaFile = () => metadataPath(h.env.LAKE_DIR, 'stream', FEED);
const readMeta = async () => streamMetadataSchema.parse(JSON.parse(await readFile(metaFile(), 'utf8')));

/** Runs the command's logic with a captured output; returns the printed lines and the outcome. */
async function backfill(bf: BackfillInput, signal = new AbortController().signal) {
  const lines: string[] = [];
  const outcome = await runBackfill(h.client, h.env, bf, (l) => lines.push(l), {
    detach: false, signal, stream: new PassThrough(), attachCommand: 'ksql-etl backfill (again)', taskQueue: h.taskQueue, pollMs: 100,
  });
  return { lines, outcome };
}

/** Runs `ksql-etl …` through the real program, with the harness's environment. */
async function cli(args: string[]): Promise<string[]> {
  const lines: string[] = [];
  const deps: CliDeps = { settings: settingsOf(h.env), processEnv: {}, out: (l) => lines.push(l), note: () => {} };
  await buildProgram(deps).exitOverride().parseAsync(args, { from: 'user' });
  return lines;
}

describe('backfill', () => {
  it('lands every slot of 3 days with the source row counts, one source request per day chunk, 2 at a time; a second start attaches', async () => {
    const bf = input();
    const first = await startBackfill(h.client, bf, h.taskQueue);
    const second = await startBackfill(h.client, bf, h.taskQueue);
    expect(second.firstExecutionRunId).toBe(first.firstExecutionRunId);
    expect(first.workflowId).toBe(`backfill:${FEED}:2026-10-01T00:00:00Z..2026-10-04T00:00:00Z`);

    const seen: BackfillProgress[] = [];
    while ((await first.describe()).status.name === 'RUNNING') {
      seen.push(await first.query(backfillProgressQuery).catch(() => seen.at(-1)!));
      await new Promise((r) => setTimeout(r, 50));
    }
    const result = await first.result();
    expect(result).toMatchObject({ slotsTotal: 72, slotsDone: 72, slotsSkipped: 0, slotsFailed: 0, sourceRequests: 3, chunksRunning: 0, failedChunks: [] });
    expect(result.rows).toBe(sourceRows(Date.parse(FROM), Date.parse(TO)));
    expect(queries).toHaveBeenCalledTimes(3);
    expect(Math.max(...seen.filter(Boolean).map((p) => p.chunksRunning))).toBeLessThanOrEqual(2);
    // The query answers after the end too, with the result's totals.
    expect(await first.query(backfillProgressQuery)).toEqual(result);

    const meta = await readMeta();
    for (let slot = Date.parse(FROM); slot < Date.parse(TO); slot += HOUR) {
      expect(meta.slots[new Date(slot).toISOString()]?.rows, new Date(slot).toISOString()).toBe(sourceRows(slot, slot + HOUR));
    }
    // The children carry the canonical ids a manual `ksql-etl run --window … --end …` would get.
    const child = h.client.workflow.getHandle(`export:${FEED}:2026-10-02T00:00:00Z..2026-10-03T00:00:00Z`);
    expect((await child.describe()).status.name).toBe('COMPLETED');
  });

  it('--missing-only re-exports only the slots whose metadata entries are gone, as runs; --dry-run lists them first', async () => {
    const gone = ['2026-10-02T03:00:00.000Z', '2026-10-02T04:00:00.000Z', '2026-10-03T23:00:00.000Z'];
    const meta = await readMeta();
    for (const slot of gone) delete meta.slots[slot];
    await writeFile(metaFile(), JSON.stringify(meta));

    const dry = await cli(['backfill', FEED, '--from', FROM, '--to', TO, '--missing-only', '--dry-run']);
    expect(dry.filter((l) => l.startsWith('  export '))).toEqual([
      '  export [2026-10-02T03:00:00.000Z, 2026-10-02T05:00:00.000Z): 2 slot(s)',
      '  export [2026-10-03T23:00:00.000Z, 2026-10-04T00:00:00.000Z): 1 slot(s)',
    ]);
    expect(dry.at(-1)).toBe('dry run: would export 3 slot(s) in 2 source request(s), skip 69; nothing started');
    expect(queries).not.toHaveBeenCalled();

    const { outcome, lines } = await backfill(input({ missingOnly: true }));
    expect(outcome).toMatchObject({ kind: 'finished', progress: { slotsDone: 3, slotsSkipped: 69, slotsFailed: 0, sourceRequests: 2 } });
    expect(queries).toHaveBeenCalledTimes(2);
    const rows = gone.reduce((n, s) => n + sourceRows(Date.parse(s), Date.parse(s) + HOUR), 0);
    expect(lines).toContain(`rows: ${rows}; source requests: 2`);
    const after = await readMeta();
    for (const slot of gone) expect(after.slots[slot]?.rows).toBe(sourceRows(Date.parse(slot), Date.parse(slot) + HOUR));

    // Started again, it finds nothing missing: no request at all.
    const again = await backfill(input({ missingOnly: true }));
    expect(again.outcome).toMatchObject({ progress: { slotsDone: 0, slotsSkipped: 72, sourceRequests: 0 } });
    expect(queries).toHaveBeenCalledTimes(2);
  });

  it('continues as new every chunk when told to, and still ends with the whole range\'s totals', async () => {
    const bf = { ...input({ chunk: '12h' }), chunksPerRun: 1 };
    const handle = await startBackfill(h.client, bf, h.taskQueue);
    const result = await handle.result();
    expect(result).toMatchObject({ slotsTotal: 72, slotsDone: 72, sourceRequests: 6, slotsFailed: 0 });
    expect(result.rows).toBe(sourceRows(Date.parse(FROM), Date.parse(TO)));
    expect(queries).toHaveBeenCalledTimes(6);
    const firstRun = h.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId);
    expect((await firstRun.describe()).status.name).toBe('CONTINUED_AS_NEW');
  });

  it('a failed chunk is reported with its id and error, and the command fails', async () => {
    const day3 = Date.parse('2026-10-03T00:00:00Z');
    // A column appears under `schemaChange: freeze`: a terminal failure, so no retries to wait for.
    h.standin.faults.add({ fault: 'schemaAdded', times: 0, match: { sqlContains: `ROWTIME >= ${day3} ` } });
    const failing = backfill(input({ from: '2026-10-02T00:00:00Z' }));
    await expect(failing).rejects.toThrow(/24 slot\(s\) failed; run the same command with --missing-only/);
    const handle = h.client.workflow.getHandle(`backfill:${FEED}:2026-10-02T00:00:00Z..2026-10-04T00:00:00Z`);
    const progress = await handle.query(backfillProgressQuery);
    expect(progress).toMatchObject({ slotsDone: 24, slotsFailed: 24 });
    expect(progress.failedChunks).toEqual([
      { workflowId: `export:${FEED}:2026-10-03T00:00:00Z..2026-10-04T00:00:00Z`, error: expect.stringContaining('extra_column') },
    ]);
  });

  it('a chunk a manual run of the same range holds is started again once that run has closed', async () => {
    const [start, end] = ['2026-10-02T00:00:00Z', '2026-10-02T06:00:00Z'];
    // The manual run stalls mid-stream for 2 s, so the backfill meets it running.
    h.standin.faults.add({ fault: 'stall', afterRows: 1, stallMs: 2000, match: { sqlContains: `ROWTIME >= ${Date.parse(start)} ` } });
    const feed = getFeed(h.deps.feeds, FEED);
    const manual = await startExport(h.client, feed, { range: streamRange(feed, start, end), taskQueue: h.taskQueue });
    const { outcome } = await backfill({ ...input({ from: start, to: end, chunk: '6h' }), attachedRetryMs: 500 });
    expect(outcome).toMatchObject({ kind: 'finished', progress: { attachedElsewhere: 1, sourceRequests: 1, slotsDone: 6, slotsFailed: 0 } });
    expect((await manual.handle.describe()).status.name).toBe('COMPLETED');
    expect(queries).toHaveBeenCalledTimes(2); // the manual run's, then the backfill's own
  });

  it('Ctrl-C detaches: watching stops, the command to attach again is printed, the backfill goes on', async () => {
    const detach = new AbortController();
    const bf = input({ chunk: '6h', from: '2026-10-01T00:00:00Z', to: '2026-10-02T00:00:00Z' });
    setTimeout(() => detach.abort(), 50);
    const { outcome, lines } = await backfill(bf, detach.signal);
    expect(outcome?.kind).toBe('detached');
    expect(lines).toContain('attach again with: ksql-etl backfill (again)');
    const handle = h.client.workflow.getHandle(`backfill:${FEED}:2026-10-01T00:00:00Z..2026-10-02T00:00:00Z`);
    expect(await handle.result()).toMatchObject({ slotsDone: 24, slotsFailed: 0 });
  });

  it('refuses a table feed and a bad range with exit-2 errors naming the option, before dialling Temporal', async () => {
    const address = h.env.TEMPORAL_ADDRESS;
    h.env.TEMPORAL_ADDRESS = '127.0.0.1:1'; // nothing listens: an attempt to connect would fail differently
    try {
      await expect(cli(['backfill', 'user_transaction_summary', '--from', FROM, '--to', TO])).rejects.toThrow(
        new UsageError('user_transaction_summary is a table feed: a table has no past; run `ksql-etl run user_transaction_summary` for a snapshot'),
      );
      await expect(cli(['backfill', FEED, '--from', '2026-10-01T00:00:00', '--to', TO])).rejects.toThrow(/^--from 2026-10-01T00:00:00: expected an ISO-8601 instant with a zone/);
      await expect(cli(['backfill', FEED, '--from', '2026-10-01T00:30:00Z', '--to', TO])).rejects.toThrow("--from 2026-10-01T00:30:00Z is not on a boundary of transaction_stream's 1h slots (e.g. 2026-10-01T00:00:00.000Z)");
      await expect(cli(['backfill', FEED, '--from', TO, '--to', FROM])).rejects.toThrow(`--to ${FROM} must come after --from ${TO}`);
      await expect(cli(['backfill', FEED, '--from', FROM, '--to', '2099-01-01T00:00:00Z'])).rejects.toThrow(/^--to 2099-01-01T00:00:00Z is in the future/);
      await expect(cli(['backfill', FEED, '--from', FROM, '--to', TO, '--chunk', '90m'])).rejects.toThrow("--chunk 90m must be a whole number of transaction_stream's 1h slots");
    } finally {
      h.env.TEMPORAL_ADDRESS = address;
    }
  });
});
