import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { WORKFLOW_BUNDLE_OPTIONS } from '../../worker/workflow-code.js';
import { RECORDED_RUNS, recordHistories } from '../helpers/record-histories.js';
import { REPO_ROOT } from '../helpers/services.js';
import { installQuietRuntime } from '../helpers/stub-worker.js';

const HISTORIES = join(REPO_ROOT, 'test/fixtures/histories');

/**
 * Replays histories of real runs, recorded on a dev server with stub activities, against today's
 * workflow code: a change that would break runs in flight (an activity added, removed or
 * reordered) fails here with a determinism error.
 *
 * Re-record only when such a change is meant to ship without in-flight runs to protect (nothing
 * deployed yet, or the old runs drained; otherwise guard the change with `patched()` and keep the
 * old history), or when the recorded runs themselves should change:
 *   KSQL_ETL_RECORD_HISTORIES=1 npx vitest run --project workflows test/workflows/replay.test.ts
 */
describe('replay of recorded histories', () => {
  beforeAll(async () => {
    if (process.env.KSQL_ETL_RECORD_HISTORIES === '1') await recordHistories(HISTORIES);
    installQuietRuntime();
  });

  it.each(RECORDED_RUNS)('%s replays on the current workflow code', async (name) => {
    const history = JSON.parse(await readFile(join(HISTORIES, `${name}.json`), 'utf8')) as { events: Array<{ eventType: string }> };
    // The recording took every activity of its workflow, so the replay covers all of them.
    expect(history.events.filter((e) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_COMPLETED').length).toBe(name === 'stream-window' ? 1 : 2);
    await Worker.runReplayHistory(WORKFLOW_BUNDLE_OPTIONS, history, `replay-${name}`);
  });
});
