import type { Client } from '@temporalio/client';
import { temporalUiUrl, type TemporalSettings } from '../../config/env.js';
import type { BackfillInput } from '../../workflows/backfill-workflow.js';
import { runUrl } from '../common/run-url.js';
import { describeTotals } from './describe-backfill.js';
import { startOrAttachBackfill } from './start-backfill.js';
import { watchBackfill, type WatchOutcome } from './watch-backfill.js';

export interface RunBackfillOptions {
  /** print the id and link, and return at once */
  detach: boolean;
  /** aborted by Ctrl-C: stop watching, leave the backfill running */
  signal: AbortSignal;
  /** where the progress bar goes (none: no bar) */
  stream?: NodeJS.WritableStream;
  /** the command that attaches again, for the message printed on detach */
  attachCommand: string;
  /** default: the environment's TEMPORAL_TASK_QUEUE (tests give each suite its own) */
  taskQueue?: string;
  pollMs?: number;
}

/** Starts (or attaches to) a backfill and follows it; says what it did. Throws if any chunk failed. */
export async function runBackfill(client: Client, env: TemporalSettings, input: BackfillInput, out: (line: string) => void, opts: RunBackfillOptions): Promise<WatchOutcome | null> {
  const { handle, attached } = await startOrAttachBackfill(client, input, opts.taskQueue ?? env.TEMPORAL_TASK_QUEUE);
  out(`backfill ${handle.workflowId} (${input.feed} [${input.start}, ${input.end}))`);
  if (attached) {
    // The running backfill keeps its own options (--missing-only included): it never starts a chunk
    // twice, so attaching already gives "finish what is missing"; a second one would race it.
    const { startTime } = await handle.describe();
    out(`  already running since ${startTime.toISOString()}: attached to it (it keeps the options it was started with;`);
    out('  what it finished is not exported again, and a chunk a lost worker held is retried once its heartbeat times out)');
  }
  out(`  Web UI: ${runUrl(temporalUiUrl(env), env.TEMPORAL_NAMESPACE, handle.workflowId, handle.firstExecutionRunId)}`);
  if (opts.detach) {
    out(`  running in Temporal; follow it with: ${opts.attachCommand}`);
    return null;
  }
  const outcome = await watchBackfill(handle, { signal: opts.signal, stream: opts.stream, pollMs: opts.pollMs });
  if (outcome.kind === 'detached') {
    out('detached: the backfill goes on in Temporal (nothing was cancelled).');
    out(`attach again with: ${opts.attachCommand}`);
    return outcome;
  }
  describeTotals(outcome.progress).forEach(out);
  if (outcome.progress.slotsFailed > 0) {
    throw new Error(`backfill ${handle.workflowId}: ${outcome.progress.slotsFailed} slot(s) failed; run the same command with --missing-only to retry only what is missing`);
  }
  return outcome;
}
