import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../client/demo/run-demo.js';
import { streamDir } from '../../lake/lake-paths.js';
import { REPO_ROOT } from '../helpers/services.js';
import { startHarness, type Harness } from '../helpers/etl-harness.js';

const DAY = '2026-09-01';
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ name: 'demo', dataset: { seed: 11, start: `${DAY}T00:00:00Z`, days: 1, rowsPerDay: 600 } });
});
afterAll(() => h?.stop());

async function demo(): Promise<string[]> {
  const lines: string[] = [];
  await runDemo({ env: h.env, processEnv: {}, out: (line) => lines.push(line) }, h.client, {
    day: DAY,
    sqlDir: join(REPO_ROOT, 'sql'),
    taskQueue: h.taskQueue,
  });
  return lines;
}

describe('demo', () => {
  it('exports a day and a snapshot; running it again adds no stream rows and adds table version 2', async () => {
    const first = await demo();
    expect(first.some((l) => /^transaction_stream: 24 windows of 1h exported in [\d.]+ s \(600 rows, 0 quarantined\)$/.test(l))).toBe(true);
    expect(first.some((l) => l.startsWith('user_transaction_summary: snapshot version 1 ('))).toBe(true);
    expect(first.some((l) => /^\s+2026-09-01\s+24\s+600$/.test(l))).toBe(true); // files and rows per date partition
    expect(first.some((l) => l.startsWith('Temporal Web UI: http://'))).toBe(true);
    const filesBefore = await readdir(join(streamDir(h.deps.lake.root, 'transaction_stream'), `date=${DAY}`));

    const second = await demo();
    expect(second.some((l) => l.includes('(600 rows, 0 quarantined)'))).toBe(true);
    expect(second.some((l) => l.startsWith('user_transaction_summary: snapshot version 2 ('))).toBe(true);
    expect(second.some((l) => /^\s+2026-09-01\s+24\s+600$/.test(l))).toBe(true);
    expect(await readdir(join(streamDir(h.deps.lake.root, 'transaction_stream'), `date=${DAY}`))).toEqual(filesBefore);
    const versions = await h.deps.warehouse.query('SELECT snapshot_version AS v FROM etl_snapshot_loads ORDER BY 1');
    expect(versions).toEqual([{ v: 1 }, { v: 2 }]);
  });
});
