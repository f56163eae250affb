import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../client/demo/run-demo.js';
import { REPO_ROOT } from '../helpers/services.js';
import { startHarness, type Harness } from '../helpers/etl-harness.js';
import { streamDirOf } from '../helpers/lake-layout.js';

const DAY = '2026-09-01';
let h: Harness;
/** This suite's own schedules, apart from any other suite's on the shared server. */
const schedulePrefix = `demo-test-${process.pid}:`;

beforeAll(async () => {
  h = await startHarness({ name: 'demo', dataset: { seed: 11, start: `${DAY}T00:00:00Z`, days: 1, rowsPerDay: 600 } });
});
afterAll(async () => {
  if (!h) return;
  await Promise.all([...h.deps.feeds.keys()].map((feed) => h.client.schedule.getHandle(`${schedulePrefix}${feed}`).delete().catch(() => undefined)));
  await h.stop();
});

async function demo(): Promise<string[]> {
  const lines: string[] = [];
  await runDemo({ env: h.env, out: (line) => lines.push(line) }, h.client, {
    day: DAY,
    sqlDir: join(REPO_ROOT, 'sql'),
    taskQueue: h.taskQueue,
    schedulePrefix,
  });
  return lines;
}

const STREAMS = ['transaction_flattened', 'transaction_stream', 'transaction_stream_anonymized', 'transaction_stream_blacklisted'];
const TABLES = ['payment_method_totals', 'product_purchase_counts', 'user_transaction_summary', 'user_transaction_summary_eur'];

async function streamFiles(): Promise<string[][]> {
  return Promise.all(STREAMS.map((feed) => readdir(join(streamDirOf(h.env.LAKE_DIR, feed), `date=${DAY}`)).catch(() => [])));
}

describe('demo', () => {
  it('exports a day of every stream and a snapshot of every table; running it again adds no stream rows and adds table version 2', async () => {
    const first = await demo();
    expect(first.some((l) => /^transaction_stream: 24 slots of 1h exported in one range run in [\d.]+ s \(600 rows, 0 quarantined\)$/.test(l))).toBe(true);
    for (const feed of STREAMS) expect(first.some((l) => l.startsWith(`${feed}: 24 slots of 1h exported in one range run`))).toBe(true);
    for (const feed of TABLES) expect(first.some((l) => l.startsWith(`${feed}: snapshot version 1 (`) && l.includes('rows loaded into fact_'))).toBe(true);
    expect(first.some((l) => /^\s+2026-09-01\s+24\s+600$/.test(l))).toBe(true); // transaction_stream: files and rows per date partition
    expect(first.some((l) => l.startsWith('Temporal Web UI: http://'))).toBe(true);
    // one schedule per feed, listed with its cadence
    for (const feed of [...STREAMS, ...TABLES]) expect(first.some((l) => l.startsWith(feed) && /every 1h/.test(l) && l.endsWith('active'))).toBe(true);
    const filesBefore = await streamFiles();
    expect(filesBefore.every((files) => files.length > 0)).toBe(true);

    const second = await demo();
    expect(second.some((l) => l.startsWith('transaction_stream: 24 slots') && l.includes('(600 rows, 0 quarantined)'))).toBe(true);
    for (const feed of TABLES) expect(second.some((l) => l.startsWith(`${feed}: snapshot version 2 (`))).toBe(true);
    expect(second.some((l) => /^\s+2026-09-01\s+24\s+600$/.test(l))).toBe(true);
    expect(await streamFiles()).toEqual(filesBefore);
    const versions = await h.deps.warehouse.query<{ feed: string; versions: string }>(
      'SELECT feed, GROUP_CONCAT(snapshot_version ORDER BY snapshot_version) AS versions FROM etl_snapshot_loads WHERE status = "loaded" GROUP BY feed ORDER BY feed',
    );
    expect(versions).toEqual(TABLES.map((feed) => ({ feed, versions: '1,2' })));
  });
});
