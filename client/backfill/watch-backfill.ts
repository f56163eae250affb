import { Presets, SingleBar } from 'cli-progress';
import { backfillProgressQuery, slotsSettled, type BackfillProgress } from '../../workflows/backfill-progress.js';
import { follow } from '../run/follow.js';
import type { BackfillHandle } from './start-backfill.js';

export type WatchOutcome =
  | { kind: 'finished'; progress: BackfillProgress }
  /** the caller stopped watching; the backfill goes on in Temporal */
  | { kind: 'detached'; progress: BackfillProgress | null };

export interface WatchOptions {
  /** aborted (by Ctrl-C) = stop watching, never cancel the backfill */
  signal: AbortSignal;
  /** where the bar is drawn; none, or a stream that is not a terminal, gets no bar */
  stream?: NodeJS.WritableStream;
  pollMs?: number;
}

/** Shows a backfill's progress (slots, rows, ETA) by polling its query until it ends or the caller detaches. */
export async function watchBackfill(handle: BackfillHandle, opts: WatchOptions): Promise<WatchOutcome> {
  const bar = opts.stream && new SingleBar(
    { format: '{bar} {percentage}% | {value}/{total} slots | {rows} rows | {running} running | ETA {eta_formatted}', stream: opts.stream, hideCursor: true },
    Presets.shades_classic,
  );
  let last: BackfillProgress | null = null;
  let started = false;
  try {
    const outcome = await follow((stop) => handle.client.withAbortSignal(stop, () => handle.result()), {
      signal: opts.signal,
      pollMs: opts.pollMs,
      tick: async () => {
        // A query can fail while the workflow's first task is pending; the next poll will tell.
        last = await handle.query(backfillProgressQuery).catch(() => last);
        if (!last) return;
        const payload = { rows: last.rows, running: last.chunksRunning };
        if (!started) bar?.start(last.slotsTotal, slotsSettled(last), payload);
        else bar?.update(slotsSettled(last), payload);
        started = true;
      },
    });
    return outcome.kind === 'finished' ? { kind: 'finished', progress: outcome.value } : { kind: 'detached', progress: last };
  } finally {
    bar?.stop();
  }
}
