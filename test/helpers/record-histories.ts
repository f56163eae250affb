import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import type { Activities } from '../../activities/index.js';
import type { exportStreamWindowWorkflow, exportTableSnapshotWorkflow } from '../../workflows/index.js';
import { withStubWorker, type StubRun } from './stub-worker.js';
import { STREAM_SLOTS, streamInput, tableInput, tableSnapshot, WAREHOUSE_LOADED } from './workflow-fixtures.js';

/** The runs whose histories test/workflows/replay.test.ts replays: one per workflow type, every activity taken. */
export const RECORDED_RUNS = ['stream-window', 'table-snapshot-with-load'] as const;
export type RecordedRun = (typeof RECORDED_RUNS)[number];

const START: Record<RecordedRun, (run: StubRun) => Promise<WorkflowHandle>> = {
  'stream-window': (run) =>
    run.start<typeof exportStreamWindowWorkflow>('exportStreamWindowWorkflow', [streamInput()]),
  'table-snapshot-with-load': (run) =>
    run.start<typeof exportTableSnapshotWorkflow>('exportTableSnapshotWorkflow', [tableInput()]),
};

const STUBS: Partial<Activities> = {
  exportStreamSlots: async () => STREAM_SLOTS,
  exportTableSnapshot: async () => tableSnapshot(true),
  loadWarehouseSnapshot: async () => WAREHOUSE_LOADED,
};

/**
 * Runs each recorded workflow to completion with stub activities on the dev server and writes its
 * history as `<dir>/<run>.json`. Needs the `workflows` project's global setup (a Temporal server).
 */
export async function recordHistories(dir: string): Promise<void> {
  for (const name of RECORDED_RUNS) {
    const history = await withStubWorker(`record-${name}`, STUBS, async (run) => {
      const handle = await START[name](run);
      await handle.result();
      return handle.fetchHistory();
    });
    // Indented, so a re-recording shows up in review as a readable diff.
    await writeFile(join(dir, `${name}.json`), `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 2)}\n`);
  }
}
