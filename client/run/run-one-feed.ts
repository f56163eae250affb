import type { Client } from '@temporalio/client';
import type { TemporalSettings } from '../../config/env.js';
import type { Feed } from '../../config/feed-schema.js';
import { detachOnSigint } from './detach-on-sigint.js';
import { describeOutcome, exportOutcome, exportUrl } from './run-export.js';
import { startExport, type ExportRequest } from './start-export.js';
import { watchExport } from './watch-export.js';

export interface RunOneOptions {
  detach: boolean;
  /** milliseconds to wait before leaving the run to Temporal */
  timeout?: number;
  json: boolean;
  /** default: TEMPORAL_TASK_QUEUE */
  taskQueue?: string;
  pollMs?: number;
  /** the result (stdout) */
  out: (line: string) => void;
  /** progress and notices (stderr) */
  note: (line: string) => void;
}

/**
 * `ksql-etl run <feed>`: starts (or joins) the run, then follows it with its progress until it
 * ends; `--detach`, Ctrl-C and `--timeout` leave it running in Temporal and say so.
 */
export async function runOneFeed(client: Client, env: TemporalSettings, feed: Feed, request: ExportRequest, opts: RunOneOptions): Promise<void> {
  const began = Date.now();
  const taskQueue = opts.taskQueue ?? env.TEMPORAL_TASK_QUEUE;
  const started = await startExport(client, feed, { ...request, taskQueue });
  const { workflowId } = started.handle;
  const url = exportUrl(started, env);
  if (opts.detach) {
    if (opts.json) opts.out(JSON.stringify({ workflowId, runId: started.handle.firstExecutionRunId, url }));
    else [`started ${workflowId}`, `  Web UI: ${url}`].forEach(opts.out);
    return;
  }
  opts.note(`started ${workflowId}`);
  opts.note(`  Web UI: ${url}`);
  const followed = await detachOnSigint((signal) => watchExport(client, started.handle,
    (stop) => client.withAbortSignal(stop, () => exportOutcome(started, env, began)),
    { taskQueue, signal, timeoutMs: opts.timeout, pollMs: opts.pollMs, note: opts.note }));
  if (followed.kind === 'finished') {
    if (opts.json) opts.out(JSON.stringify(followed.value, null, 2));
    else describeOutcome(followed.value).forEach(opts.out);
  } else if (followed.kind === 'detached') {
    opts.note(`detached: ${workflowId} goes on in Temporal (nothing was cancelled); follow it at ${url}`);
  } else {
    throw new Error(`stopped waiting after --timeout: ${workflowId} goes on in Temporal (not cancelled); follow it at ${url}`);
  }
}
