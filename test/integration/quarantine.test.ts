import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { settingsOf } from '../../client/common/cli-deps.js';
import { quarantineCommand } from '../../client/commands/quarantine.js';
import type { ReplayRow } from '../../client/quarantine/replay-quarantine.js';
import { startExport } from '../../client/run/start-export.js';
import type { StreamFeed } from '../../config/feed-schema.js';
import { getFeed } from '../../config/load-feeds.js';
import type { QuarantineGroup } from '../../lake/index.js';
import { startHarness, type Harness } from '../helpers/etl-harness.js';
import { streamDirOf } from '../helpers/lake-layout.js';
import { streamRange } from '../helpers/stream-range.js';

const DAY = '2026-09-03';
const HOUR = 3_600_000;
const FEED = 'transaction_stream';

describe('quarantine: threshold, list and replay through Temporal', () => {
  let h: Harness;
  let original: StreamFeed;

  beforeAll(async () => {
    h = await startHarness({ name: 'quarantine', dataset: { seed: 5, start: `${DAY}T00:00:00Z`, days: 1, rowsPerDay: 960 } });
    original = getFeed(h.deps.feeds, FEED) as StreamFeed;
  });
  afterEach(() => {
    h.standin.faults.clear();
    (h.deps.feeds as Map<string, unknown>).set(FEED, original);
  });
  afterAll(() => h?.stop());

  const startOf = (hour: number) => Date.parse(`${DAY}T00:00:00Z`) + hour * HOUR;
  const iso = (hour: number) => new Date(startOf(hour)).toISOString();
  const expectedIds = (hour: number) => h.standin.dataset.transactions.filter((t) => t.timestamp >= startOf(hour) && t.timestamp < startOf(hour) + HOUR).map((t) => t.transaction_id).sort();
  const slotFile = (hour: number) => join(streamDirOf(h.env.LAKE_DIR, FEED), `date=${DAY}`, `${FEED}__${DAY.replace(/-/g, '')}T${String(hour).padStart(2, '0')}0000Z.parquet`);
  const quarantineFile = (hour: number) => join(h.env.LAKE_DIR, '_quarantine', FEED, `${DAY.replace(/-/g, '')}T${String(hour).padStart(2, '0')}0000Z_${DAY.replace(/-/g, '')}T${String(hour + 1).padStart(2, '0')}0000Z.ndjson`);
  const wrongTypes = (hour: number, times: number) => h.standin.faults.add({ fault: 'wrongTypes', afterRows: 3, times, match: { sqlContains: `ROWTIME >= ${startOf(hour)} ` } });
  const sha = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

  async function exportHour(hour: number) {
    const feed = getFeed(h.deps.feeds, FEED);
    const started = await startExport(h.client, feed, { range: streamRange(feed, iso(hour)), taskQueue: h.taskQueue });
    const outcome = await started.handle.result().then((result) => ({ result, error: null }), (error: unknown) => ({ result: null, error }));
    const history = await started.handle.fetchHistory();
    const attempts = (history.events ?? []).filter((e) => e.activityTaskStartedEventAttributes).map((e) => e.activityTaskStartedEventAttributes!.attempt);
    return { ...outcome, attempts, workflowId: started.handle.workflowId };
  }

  /** `ksql-etl quarantine …` as the command line runs it, against this suite's lake and task queue. */
  async function cli(...args: string[]): Promise<string[]> {
    const lines: string[] = [];
    const deps = { settings: settingsOf({ ...h.env, TEMPORAL_TASK_QUEUE: h.taskQueue }), processEnv: {}, out: (line: string) => void lines.push(line), note: () => {} };
    await new Command().exitOverride().addCommand(quarantineCommand(deps)).parseAsync(['quarantine', ...args], { from: 'user' });
    return lines;
  }

  async function slotEntry(hour: number): Promise<unknown> {
    const metadata = await h.deps.lake.describeFeed(FEED);
    return metadata?.kind === 'stream' ? metadata.slots[iso(hour)] : undefined;
  }

  async function idsInSlot(hour: number): Promise<string[]> {
    const rows = await h.deps.lake.query(`SELECT transaction_id FROM read_parquet('${slotFile(hour)}') ORDER BY ALL`);
    return rows.map((r) => String(r.transaction_id));
  }

  it('past the feed\'s threshold a run fails at once, names the counts and reasons, and publishes nothing', async () => {
    const first = await exportHour(2);
    expect(first.result?.quarantined).toBe(0);
    const before = { file: await sha(slotFile(2)), entry: await slotEntry(2) };
    (h.deps.feeds as Map<string, unknown>).set(FEED, { ...original, quarantine: { maxRows: 0 } });
    wrongTypes(2, 0);
    const { error, attempts, workflowId } = await exportHour(2);
    expect(attempts).toEqual([1]); // not retried
    const cause = (error as WorkflowFailedError).cause?.cause as Error & { type?: string };
    expect(cause.type).toBe('LakeQuarantineThresholdError');
    const total = expectedIds(2).length;
    expect(cause.message).toContain(`feed ${FEED} window [${iso(2)}, ${iso(3)})`);
    expect(cause.message).toContain(`1 of ${total} rows failed their checks, more than maxRows 0`);
    expect(cause.message).toMatch(/Reasons: 1 × column AMOUNT: expected DOUBLE, got string/);
    // The row is named by its first values, never copied whole (the card number stays out).
    expect(cause.message).toMatch(/First bad rows: \[\d{13}, "tx-\d+", "user-\d+", … 7 more\]\./);
    expect(cause.message).not.toMatch(/\d{4}-\d{4}-\d{4}-\d{4}/);
    // Nothing published: the slot file, its metadata entry and the (absent) quarantine object are as they were.
    expect(await sha(slotFile(2))).toBe(before.file);
    expect(await slotEntry(2)).toEqual(before.entry);
    expect(existsSync(quarantineFile(2))).toBe(false);
    const failed = (await h.deps.lake.runs(FEED, { latest: 50 })).filter((r) => r.workflowId === workflowId && r.outcome === 'failed');
    expect(failed.map((r) => r.error?.type)).toEqual(['LakeQuarantineThresholdError']);
  });

  it('within the threshold the bad row is quarantined; list groups it; replay after the source is fixed lands every row once', async () => {
    wrongTypes(4, 1); // the source sends one bad row once: the next pull of the window is clean
    const first = await exportHour(4);
    expect(first.result?.quarantined).toBe(1);
    const total = expectedIds(4);
    expect(await idsInSlot(4)).toHaveLength(total.length - 1);

    const groups = JSON.parse((await cli('list', FEED, '--json')).join('\n')) as QuarantineGroup[];
    const group = groups.find((g) => g.window?.start === iso(4));
    expect(group).toMatchObject({ feed: FEED, kind: 'stream', window: { start: iso(4), end: iso(5) }, rows: 1, slots: [{ slot: iso(4), quarantined: 1 }] });
    expect(group!.reasons).toEqual([{ reason: expect.stringMatching(/^column AMOUNT: expected DOUBLE, got string/) as unknown, rows: 1 }]);
    expect((await cli('list')).join('\n')).toMatch(new RegExp(`${FEED} +\\[${iso(4)}, ${iso(5)}\\) +04:00:1 +1 +column AMOUNT`));

    // A dry run re-validates the stored row (its AMOUNT is still "abc") and exports nothing.
    const dry = JSON.parse((await cli('replay', FEED, '--window', iso(4), '--dry-run', '--json')).join('\n')) as ReplayRow[];
    expect(dry).toEqual([{ window: { start: iso(4), end: iso(5) }, revalidated: 1, wouldPass: 0, nowValid: null, stillBad: null, workflowId: null }]);
    expect(existsSync(quarantineFile(4))).toBe(true);

    const replayed = JSON.parse((await cli('replay', FEED, '--window', iso(4), '--json')).join('\n')) as ReplayRow[];
    // The same workflow id as `ksql-etl run --from <hour>` of that window.
    expect(replayed).toEqual([{ window: { start: iso(4), end: iso(5) }, revalidated: 1, wouldPass: 0, nowValid: 1, stillBad: 0, workflowId: `export:${FEED}:${iso(4).replace('.000Z', 'Z')}` }]);
    expect(await idsInSlot(4)).toEqual(total); // every row, each key once
    expect(existsSync(quarantineFile(4))).toBe(false);
    expect((await cli('list', FEED, '--json')).join('\n')).not.toContain(iso(4));

    const entry = await slotEntry(4);
    expect(await cli('replay', FEED)).toEqual([`${FEED}: nothing quarantined, nothing to replay`]);
    expect(await slotEntry(4)).toEqual(entry);
    expect(await idsInSlot(4)).toEqual(total);
  });

  it('replay refuses a table feed and an unreadable --window (exit 2)', async () => {
    await expect(cli('replay', 'payment_method_totals')).rejects.toThrow(/payment_method_totals is a table feed/);
    await expect(cli('replay', FEED, '--window', 'yesterday')).rejects.toThrow(/--window "yesterday": must be an ISO instant/);
  });
});
