import { activityInfo } from '@temporalio/activity';
import { describe, expect, it } from 'vitest';
import type { Activities } from '../../activities/index.js';
import { toActivityFailure } from '../../activities/to-activity-failure.js';
import { KsqlStatementError } from '../../ksqldb/errors.js';
import { WarehouseUnavailableError } from '../../warehouse/errors.js';
import type { exportTableSnapshotWorkflow } from '../../workflows/index.js';
import { activityFailureOf, withStubWorker, type StubRun } from '../helpers/stub-worker.js';
import { tableInput, tableSnapshot, WAREHOUSE_LOADED } from '../helpers/workflow-fixtures.js';

function start(run: StubRun, input = tableInput()) {
  return run.start<typeof exportTableSnapshotWorkflow>('exportTableSnapshotWorkflow', [input]);
}

describe('exportTableSnapshotWorkflow (stub activities, real worker)', () => {
  it('exports the snapshot, then loads that same version into the warehouse', async () => {
    const stubs: Partial<Activities> = {
      exportTableSnapshot: async () => tableSnapshot(true),
      loadWarehouseSnapshot: async () => WAREHOUSE_LOADED,
    };
    await withStubWorker('table-load', stubs, async (run) => {
      const handle = await start(run);
      expect(await handle.result()).toEqual({ version: 4, rows: 12, quarantined: 0, quarantineFile: null, warehouseRows: 12 });
      expect(run.calls.map((c) => c.activity)).toEqual(['exportTableSnapshot', 'loadWarehouseSnapshot']);
      expect(run.calls[0]!.input).toMatchObject({ ...tableInput(), runId: handle.firstExecutionRunId });
      expect(run.calls[1]!.input).toEqual({ feed: 'user_transaction_summary', version: 4 });
    });
  });

  it('a feed with no warehouse target skips the load', async () => {
    const stubs: Partial<Activities> = {
      exportTableSnapshot: async () => tableSnapshot(false),
      loadWarehouseSnapshot: async () => {
        throw new Error('must not be called');
      },
    };
    await withStubWorker('table-no-load', stubs, async (run) => {
      const result = await (await start(run, tableInput({ feed: 'blacklist_table' }))).result();
      expect(result.warehouseRows).toBeNull();
      expect(run.calls.map((c) => c.activity)).toEqual(['exportTableSnapshot']);
    });
  });

  it('a terminal failure stops the run at attempt 1, before any load', async () => {
    const stubs: Partial<Activities> = {
      exportTableSnapshot: async () => {
        throw toActivityFailure(
          new KsqlStatementError({ endpoint: 'POST /query-stream', statement: 'SELECT * FROM GHOST;' }, 'GHOST does not exist', { status: 400, errorCode: 40001 }),
        );
      },
      loadWarehouseSnapshot: async () => ({ rows: 0, alreadyLoaded: false }),
    };
    await withStubWorker('table-terminal', stubs, async (run) => {
      const failure = await activityFailureOf(start(run).then((h) => h.result()));
      expect(failure).toMatchObject({ type: 'KsqlStatementError', nonRetryable: true });
      expect(run.calls.map((c) => [c.activity, c.attempt])).toEqual([['exportTableSnapshot', 1]]);
    });
  });

  it('a retryable warehouse failure retries the load only, not the export', async () => {
    const stubs: Partial<Activities> = {
      exportTableSnapshot: async () => tableSnapshot(true),
      loadWarehouseSnapshot: async () => {
        if (activityInfo().attempt === 1) throw toActivityFailure(new WarehouseUnavailableError('load: Deadlock found when trying to get lock'));
        return WAREHOUSE_LOADED;
      },
    };
    await withStubWorker('table-retry', stubs, async (run) => {
      expect((await (await start(run)).result()).warehouseRows).toBe(12);
      expect(run.calls.map((c) => [c.activity, c.attempt])).toEqual([
        ['exportTableSnapshot', 1],
        ['loadWarehouseSnapshot', 1],
        ['loadWarehouseSnapshot', 2],
      ]);
    });
  });
});
