import { buildUsers, type CatalogUser } from './catalog.js';
import { datasetOptionsSchema, type DatasetOptions } from './dataset-options.js';
import { DAY_MS, DEFAULT_SEGMENT_CAP, DayTimeline } from './day-timeline.js';
import { drawTransaction, transactionId } from './draw-transaction.js';
import { Prng } from './prng.js';
import type { Transaction } from './transaction-schema.js';

// Content PRNG states are remembered every this many rows, so a window deep in a big dataset is
// reached by drawing at most this many throw-away rows once the rows before it have been seen.
const CHECKPOINT_EVERY = 4096;

/**
 * The fixed days of a dataset, `days × rowsPerDay` transactions in offset order (which is time
 * order), produced on demand by offset: nothing is held but a per-day bucket histogram and a
 * PRNG checkpoint every few thousand rows, so memory does not grow with the rows.
 *
 * Timestamps come from one PRNG stream across the days and contents from another, one row after
 * the other, exactly as an eager generator would draw them: the same options give the same rows.
 */
export class GeneratedDays {
  readonly count: number;
  readonly startMs: number;
  readonly endMs: number;
  private readonly rowsPerDay: number;
  private readonly users: readonly CatalogUser[];
  private readonly timelines: DayTimeline[] = [];
  /** content PRNG state at offset k × CHECKPOINT_EVERY, learnt as rows are drawn */
  private readonly checkpoints: number[];

  constructor(opts: DatasetOptions, segmentCap = DEFAULT_SEGMENT_CAP) {
    const { seed, start, days, rowsPerDay } = datasetOptionsSchema.parse(opts);
    const root = new Prng(seed);
    this.users = buildUsers(root.fork(1));
    const time = root.fork(2);
    this.checkpoints = [root.fork(3).snapshot()];
    this.rowsPerDay = rowsPerDay;
    this.count = days * rowsPerDay;
    this.startMs = Date.parse(start);
    this.endMs = this.startMs + days * DAY_MS;
    for (let day = 0; day < days; day++) {
      const timeline = new DayTimeline(time.snapshot(), this.startMs + day * DAY_MS, rowsPerDay, segmentCap);
      this.timelines.push(timeline);
      time.skip(timeline.draws);
    }
  }

  /** The offset of the first row whose timestamp is ≥ `ms` (`count` if none). */
  offsetOf(ms: number): number {
    if (ms <= this.startMs) return 0;
    if (ms >= this.endMs) return this.count;
    const day = Math.floor((ms - this.startMs) / DAY_MS);
    return day * this.rowsPerDay + this.timelines[day]!.countBefore(ms);
  }

  /** The rows at offsets `[from, to)`, in order. */
  *range(from: number, to: number): Generator<Transaction> {
    const end = Math.min(to, this.count);
    if (from >= end) return;
    const content = this.contentAt(from);
    let offset = from;
    for (let day = Math.floor(from / this.rowsPerDay); offset < end; day++) {
      const dayBase = day * this.rowsPerDay;
      for (const stamp of this.timelines[day]!.stamps(offset - dayBase, end - dayBase)) {
        this.remember(offset, content);
        yield drawTransaction(content, this.users, transactionId(offset), stamp);
        offset++;
      }
    }
  }

  /** A content PRNG positioned at `offset`, from the nearest checkpoint at or before it. */
  private contentAt(offset: number): Prng {
    const known = Math.min(Math.floor(offset / CHECKPOINT_EVERY), this.checkpoints.length - 1);
    const prng = Prng.fromState(this.checkpoints[known]!);
    for (let at = known * CHECKPOINT_EVERY; at < offset; at++) {
      this.remember(at, prng);
      drawTransaction(prng, this.users, '', 0);
    }
    return prng;
  }

  private remember(offset: number, prng: Prng): void {
    if (offset % CHECKPOINT_EVERY === 0 && this.checkpoints.length === offset / CHECKPOINT_EVERY) {
      this.checkpoints.push(prng.snapshot());
    }
  }
}

/**
 * Deterministic transactions: the same options always give the same rows. Rows are sorted by
 * timestamp (so topic order is time order) and numbered `tx-000001`… in that order.
 */
export function generateTransactions(opts: DatasetOptions): Transaction[] {
  const days = new GeneratedDays(opts);
  return [...days.range(0, days.count)];
}
