import { activityInfo } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import type { Activities } from '../../activities/index.js';
import { toActivityFailure } from '../../activities/to-activity-failure.js';
import { FailureType } from '../../config/failure-types.js';
import { LakeIoError, LakeSchemaError } from '../../lake/index.js';
import type { exportStreamWindowWorkflow } from '../../workflows/index.js';
import { activityFailureOf, withStubWorker, type StubRun } from '../helpers/stub-worker.js';
import { STREAM_SLOTS, streamInput } from '../helpers/workflow-fixtures.js';

function start(run: StubRun, input = streamInput()) {
  return run.start<typeof exportStreamWindowWorkflow>('exportStreamWindowWorkflow', [input]);
}

describe('exportStreamWindowWorkflow (stub activities, real worker)', () => {
  it('exports the window in one activity, tagged with the run id, and sums the rows', async () => {
    const stubs: Partial<Activities> = { exportStreamSlots: async () => STREAM_SLOTS };
    await withStubWorker('stream-ok', stubs, async (run) => {
      const handle = await start(run);
      expect(await handle.result()).toEqual({ ...STREAM_SLOTS, rows: 7 });
      expect(run.calls.map((c) => c.activity)).toEqual(['exportStreamSlots']);
      expect(run.calls[0]!.input).toMatchObject({ ...streamInput(), runId: handle.firstExecutionRunId });
      const { searchAttributes } = await handle.describe();
      expect(searchAttributes).toMatchObject({ EtlFeed: ['transaction_stream'], EtlRows: [7] });
    });
  });

  it('a terminal failure type stops the run at attempt 1', async () => {
    const stubs: Partial<Activities> = {
      exportStreamSlots: async () => {
        throw ApplicationFailure.nonRetryable('feed transaction_stream: start is not on a slot boundary', FailureType.BadSlotRange);
      },
    };
    await withStubWorker('stream-terminal', stubs, async (run) => {
      const failure = await activityFailureOf(start(run).then((h) => h.result()));
      expect(failure.type).toBe('BadSlotRange');
      expect(run.calls.map((c) => c.attempt)).toEqual([1]);
    });
  });

  it('the retry policy alone stops a terminal library error thrown without its flag (the table\'s nonRetryableErrorTypes)', async () => {
    const stubs: Partial<Activities> = {
      exportStreamSlots: async () => {
        // Raw, not through toActivityFailure: Temporal types it by `name`, retryable as far as the error says.
        throw new LakeSchemaError('Conversion Error: Could not convert string \'abc\' to INT32');
      },
    };
    await withStubWorker('stream-belt', stubs, async (run) => {
      const failure = await activityFailureOf(start(run).then((h) => h.result()));
      expect(failure).toMatchObject({ type: 'LakeSchemaError', nonRetryable: false });
      expect(run.calls.map((c) => c.attempt)).toEqual([1]);
    });
  });

  it('a retryable failure is retried, and the run then completes', async () => {
    const stubs: Partial<Activities> = {
      exportStreamSlots: async () => {
        if (activityInfo().attempt === 1) throw toActivityFailure(new LakeIoError('IO Error: Could not write file: disk full'));
        return STREAM_SLOTS;
      },
    };
    await withStubWorker('stream-retry', stubs, async (run) => {
      const handle = await start(run);
      expect((await handle.result()).rows).toBe(7);
      expect(run.calls.map((c) => c.attempt)).toEqual([1, 2]);
      // Both attempts write under the same run id, so the retry replaces the first one's files.
      expect(new Set(run.calls.map((c) => (c.input as { runId: string }).runId))).toEqual(new Set([handle.firstExecutionRunId]));
    });
  });

  it('an input that can never work fails the run before any activity', async () => {
    const stubs: Partial<Activities> = { exportStreamSlots: async () => STREAM_SLOTS };
    await withStubWorker('stream-bad-input', stubs, async (run) => {
      const error = await start(run, streamInput({ start: 'yesterday' })).then((h) => h.result()).catch((err: unknown) => err);
      expect((error as Error).cause).toMatchObject({ type: 'BadWorkflowInput', nonRetryable: true });
      expect(run.calls).toEqual([]);
    });
  });
});
