import type { Client } from '@temporalio/client';
import { follow, type Followed } from './follow.js';
import { describeProgress, runProgress, taskQueuePollers } from './run-progress.js';

export interface WatchExportOptions {
  taskQueue: string;
  /** aborted by Ctrl-C: stop watching, leave the run to Temporal */
  signal: AbortSignal;
  timeoutMs?: number;
  pollMs?: number;
  /** where progress lines go (stderr, so `--json` keeps stdout clean) */
  note: (line: string) => void;
}

/** Polls between checks of the task queue: a worker that comes up later is noticed within seconds. */
const POLLER_CHECK_EVERY = 5;

/**
 * Follows a started run until `result` settles: prints the pending activity's progress when it
 * changes, and says at once when no worker polls the task queue (the run would wait forever).
 */
export async function watchExport<T>(client: Client, handle: Parameters<typeof runProgress>[1], result: (stop: AbortSignal) => Promise<T>, opts: WatchExportOptions): Promise<Followed<T>> {
  let shown = '';
  let ticks = 0;
  let warned = false;
  return follow(result, {
    signal: opts.signal,
    timeoutMs: opts.timeoutMs,
    pollMs: opts.pollMs,
    tick: async () => {
      if (ticks++ % POLLER_CHECK_EVERY === 0) {
        const pollers = await taskQueuePollers(client, opts.taskQueue).catch(() => null);
        if (pollers === 0 && !warned) {
          opts.note(`  no worker is polling task queue ${opts.taskQueue}: the run waits until one does ` +
            '(start one with `ksql-etl worker` or `ksql-etl dev up worker`; Ctrl-C leaves the run queued)');
        }
        if (pollers !== null && pollers > 0 && warned) opts.note(`  a worker is polling ${opts.taskQueue} now`);
        if (pollers !== null) warned = pollers === 0;
      }
      const lines = describeProgress(await runProgress(client, handle).catch(() => []));
      const text = lines.join('\n');
      if (text && text !== shown) lines.forEach(opts.note);
      shown = text;
    },
  });
}
