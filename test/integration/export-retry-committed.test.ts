import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities, type ActivityDeps, type ExportStreamSlotsResult } from '../../activities/index.js';
import { loadFeeds } from '../../config/load-feeds.js';
import { KsqlDbClient } from '../../ksqldb/index.js';
import { Lake } from '../../lake/index.js';
import { startStandin, type Standin } from '../../standin/index.js';
import { Warehouse } from '../../warehouse/warehouse.js';
import { readLocalFeedMetadata } from '../helpers/lake-layout.js';
import { REPO_ROOT } from '../helpers/services.js';

// An export attempt can die after its metadata commit and before Temporal hears it finished. The
// retry (same workflow run, next attempt) must answer from the lake, not export the slots again.

const FEED = 'transaction_stream';
const START = '2026-09-03T00:00:00Z';
const HOUR = 3_600_000;
const input = (runId: string) => ({ feed: FEED, start: START, end: new Date(Date.parse(START) + 6 * HOUR).toISOString(), slotMs: HOUR, runId });

let standin: Standin;
let dir: string;
let deps: ActivityDeps;
let pulls = 0;
beforeAll(async () => {
  standin = await startStandin({ port: 0, seed: 5, start: START, days: 1, rowsPerDay: 2400 });
  dir = await mkdtemp(join(tmpdir(), 'ksql-etl-retry-committed-'));
  const ksql = new KsqlDbClient({ url: standin.url });
  const queryLines = ksql.queryLines.bind(ksql);
  ksql.queryLines = (...args) => (pulls++, queryLines(...args));
  // Stream exports never reach MySQL; the pool connects on first use only.
  deps = { feeds: await loadFeeds(join(REPO_ROOT, 'feeds')), ksql, lake: await Lake.open(dir), warehouse: Warehouse.connect('mysql://root@127.0.0.1:1/unused') };
});
afterAll(async () => {
  deps?.lake.close();
  await deps?.ksql.close();
  await deps?.warehouse.close();
  await standin?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const slotsOf = async () => {
  const metadata = await readLocalFeedMetadata(dir, 'stream', FEED);
  return metadata?.kind === 'stream' ? metadata.slots : {};
};

describe('a retried stream export whose run already committed its range', () => {
  it('returns what the run committed, without a pull or a write; another run of the range exports again', async () => {
    const { exportStreamSlots } = createActivities(deps);
    const attempt = (n: number, runId: string): Promise<ExportStreamSlotsResult> => new MockActivityEnvironment({ attempt: n }).run(exportStreamSlots, input(runId));
    const first = await attempt(1, 'run-a');
    expect(first.slotRows.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    const committed = await slotsOf();
    expect(pulls).toBe(1);

    const retry = await attempt(2, 'run-a');
    expect(retry).toEqual(first);
    expect(pulls).toBe(1);
    expect(await slotsOf()).toEqual(committed);
    // the retry still leaves its record in the run log, with the rows its run exported
    const [record] = await deps.lake.runs(FEED, { latest: 1 });
    expect(record).toMatchObject({ attempt: 2, outcome: 'succeeded', rows: first.slotRows.reduce((a, b) => a + b, 0) });

    // A different run (a rerun of the range) is not credited with run-a's commit: it pulls and writes.
    await attempt(2, 'run-b');
    expect(pulls).toBe(2);
    expect(Object.values(await slotsOf()).every((slot) => slot.runId === 'run-b')).toBe(true);
  });
});
