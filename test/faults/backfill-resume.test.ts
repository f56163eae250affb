import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lake, type RunRecord, type SlotEntry } from '../../lake/index.js';
import { startCli } from '../helpers/cli-process.js';
import { sleep, startFaultRig, type FaultRig } from '../helpers/fault-rig.js';
import { auditStreamFiles, expectedStreamFiles, lakeLeftovers } from '../helpers/lake-audit.js';
import { readLocalFeedMetadata, streamDirOf } from '../helpers/lake-layout.js';
import { workerEnvOf, type LogLine } from '../helpers/worker-process.js';

// A person's 30-day backfill, interrupted half way (the command line and then the worker killed),
// resumed with `--missing-only`, must leave the lake a one-shot export of the range would: same
// files, same bytes, and nothing that was finished before the interruption written again.

const FEED = 'transaction_stream';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DAYS = 30;
const FROM = '2026-05-01T00:00:00Z';
const TO = new Date(Date.parse(FROM) + DAYS * DAY).toISOString();
const SLOTS = DAYS * 24;

let rig: FaultRig;
let oneShotLake: string;
beforeAll(async () => {
  rig = await startFaultRig({ name: 'bfresume', dataset: { seed: 17, start: FROM, days: DAYS, rowsPerDay: 1200 } });
  oneShotLake = await mkdtemp(join(tmpdir(), 'ksql-etl-bfresume-oneshot-'));
});
afterAll(async () => {
  await rig?.stop();
  if (oneShotLake) await rm(oneShotLake, { recursive: true, force: true });
});

/** A published slot as the lake records it, and the file's identity on disk. */
interface SlotIdentity {
  runId: string;
  exportedAt: string;
  sha256: string | null;
  inode: number | null;
  mtimeMs: number | null;
}

async function slotEntries(lakeRoot: string): Promise<Record<string, SlotEntry>> {
  const metadata = await readLocalFeedMetadata(lakeRoot, 'stream', FEED);
  return metadata?.kind === 'stream' ? metadata.slots : {};
}

async function slotIdentities(lakeRoot: string): Promise<Map<string, SlotIdentity>> {
  const out = new Map<string, SlotIdentity>();
  for (const [start, entry] of Object.entries(await slotEntries(lakeRoot))) {
    const file = entry.file ? await stat(join(streamDirOf(lakeRoot, FEED), entry.file)) : null;
    out.set(start, { runId: entry.runId, exportedAt: entry.exportedAt, sha256: entry.sha256 ?? null, inode: file?.ino ?? null, mtimeMs: file?.mtimeMs ?? null });
  }
  return out;
}

/** Every Parquet file of the feed, by path under the feed's folder, with the sha256 of its bytes. */
async function fileDigests(lakeRoot: string): Promise<Map<string, string>> {
  const dir = streamDirOf(lakeRoot, FEED);
  const files = (await readdir(dir, { recursive: true })).filter((p) => p.endsWith('.parquet')).sort();
  return new Map(await Promise.all(files.map(async (f) => [f, createHash('sha256').update(await readFile(join(dir, f))).digest('hex')] as const)));
}

async function runRecords(lakeRoot: string): Promise<RunRecord[]> {
  const lake = await Lake.open(lakeRoot);
  try {
    return await lake.runs(FEED, { latest: 100_000 });
  } finally {
    lake.close();
  }
}

/** Slot starts (ISO) of `[start, end)`. */
function slotsOf(window: { start: string; end: string }): string[] {
  const out: string[] = [];
  for (let at = Date.parse(window.start); at < Date.parse(window.end); at += HOUR) out.push(new Date(at).toISOString());
  return out;
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

const exportStarted = (l: LogLine) => l.msg === 'activity started' && l.activityType === 'exportStreamSlots';

describe('backfill interrupted half way, resumed with --missing-only', () => {
  it('finishes the range without exporting a finished slot again, and equals a one-shot export file for file', async () => {
    const env = workerEnvOf(rig.env);
    const backfill = ['backfill', FEED, '--from', FROM, '--to', TO];

    // 1. The backfill runs; about half way, the pulls that start stall, so a chunk is mid-export
    //    when its worker dies; then the command line is killed, then the worker.
    let worker = await rig.startWorker();
    const first = startCli(backfill, env);
    await until(async () => Object.keys(await slotEntries(rig.env.LAKE_DIR)).length >= SLOTS / 2, 120_000, 'half the slots in the lake');
    rig.standin.faults.add({ fault: 'stall', match: { path: '/query-stream', sqlContains: FEED }, afterRows: 50, stallMs: 120_000, times: 0 });
    const seen = new Set(worker.lines);
    await worker.waitForLine((l) => exportStarted(l) && !seen.has(l), 30_000);
    await sleep(500);
    first.proc.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    worker.proc.kill('SIGKILL');
    await worker.exited;
    const exportEnded = (l: LogLine) => (l.msg === 'activity completed' || l.msg === 'activity failed') && l.activityType === 'exportStreamSlots';
    const inFlight = worker.lines.filter(exportStarted).length - worker.lines.filter(exportEnded).length;
    expect(inFlight).toBeGreaterThan(0);
    rig.standin.faults.clear();
    const killedAt = new Date().toISOString();
    const before = await slotIdentities(rig.env.LAKE_DIR);
    expect(before.size).toBeGreaterThan(0);
    expect(before.size).toBeLessThan(SLOTS);

    // 2. What a person does next: a worker again, and the same command with --missing-only, to the end.
    const resumeBegan = Date.now();
    worker = await rig.startWorker();
    const resumed = await startCli([...backfill, '--missing-only'], env).exited;
    expect(resumed.code, resumed.stderr).toBe(0);
    // The first backfill still runs in Temporal (killing the command line only stops watching it):
    // the command attaches to it and says so, rather than start a second one beside it.
    expect(resumed.stdout).toMatch(/already running since .*: attached to it/);
    expect(resumed.stdout).toMatch(new RegExp(`slots: ${SLOTS} exported .* 0 failed, of ${SLOTS}`));
    const resumeMs = Date.now() - resumeBegan;

    // Nothing finished before the interruption was written again: same export run, same time, same file.
    const after = await slotIdentities(rig.env.LAKE_DIR);
    expect(after.size).toBe(SLOTS);
    for (const [slot, identity] of before) expect(after.get(slot), slot).toEqual(identity);
    // The source was asked, after the kill, only for slots the lake did not hold then.
    const resumedRuns = (await runRecords(rig.env.LAKE_DIR)).filter((r) => r.startedAt >= killedAt);
    const resumedSlots = resumedRuns.flatMap((r) => slotsOf(r.window!));
    const reExported = resumedSlots.filter((s) => before.has(s));
    expect(reExported).toEqual([]);
    expect(new Set([...before.keys(), ...resumedRuns.filter((r) => r.outcome === 'succeeded').flatMap((r) => slotsOf(r.window!))]).size).toBe(SLOTS);

    const start = Date.parse(FROM);
    expect(await auditStreamFiles(rig.env.LAKE_DIR, FEED)).toEqual(expectedStreamFiles(rig.standin.dataset.transactions, FEED, start, start + DAYS * DAY, HOUR));
    expect(await lakeLeftovers(rig.env.LAKE_DIR)).toEqual([]);
    await worker.stop();

    // 3. The same range exported in one go, into a second lake through a queue of its own.
    const oneShotEnv = { ...env, LAKE_DIR: oneShotLake, TEMPORAL_TASK_QUEUE: `${rig.env.TEMPORAL_TASK_QUEUE}-oneshot` };
    const oneShotWorker = await rig.startWorker(oneShotEnv);
    const oneShot = await startCli(backfill, oneShotEnv).exited;
    expect(oneShot.code, oneShot.stderr).toBe(0);
    await oneShotWorker.stop();

    // DuckDB writes the same bytes for the same rows in the same order (no sort, insertion order
    // kept, one writer per file), and the stand-in sends a slot's rows in the same order whatever
    // range is asked: so the files compare byte for byte, and the recorded content checksums too.
    const resumedFiles = await fileDigests(rig.env.LAKE_DIR);
    expect(resumedFiles.size).toBeGreaterThan(0);
    expect(resumedFiles).toEqual(await fileDigests(oneShotLake));
    const checksums = (entries: Record<string, SlotEntry>) => Object.fromEntries(Object.entries(entries).map(([s, e]) => [s, [e.file, e.rows, e.checksum]]));
    expect(checksums(await slotEntries(rig.env.LAKE_DIR))).toEqual(checksums(await slotEntries(oneShotLake)));

    console.log(
      `[faults] backfill resume: ${before.size} of ${SLOTS} slots done before the kill, ${inFlight} chunk export(s) in flight; ${before.size} kept (not re-exported); ` +
        `--missing-only finished ${SLOTS - before.size} in ${resumedRuns.length} source request(s), ${reExported.length} re-exported, in ${resumeMs} ms; ` +
        `${resumedFiles.size} files identical (sha256) to a one-shot export`,
    );
  });
});
