import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ConcurrencyLimit } from './concurrency-limit.js';
import type { StreamColumns } from './row-encoder.js';
import type { StagedPart, StreamStaging } from './stream-staging.js';
import { writeSlotFile } from './write-slot-file.js';

/**
 * Writes sealed parts to Parquet one after another, in the background, while the rows of later
 * slots are still being staged: DuckDB's work overlaps the transfer instead of following it. A
 * failure stops the queue; `failure` lets the staging loop stop early, `finish` throws it.
 */
export class SlotPartWriter {
  /** Parquet files written per slot start, in part order (a slot without rows has none) */
  readonly files = new Map<number, string[]>();
  #queue: Promise<void> = Promise.resolve();
  #failure: unknown = null;
  #failed = false;

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly staging: StreamStaging,
    private readonly columns: StreamColumns,
    private readonly slotMs: number,
    private readonly outDir: string,
    /** admits each part's COPY when the process's other lake writes let it */
    private readonly duckdbGate: ConcurrencyLimit,
  ) {}

  /** The error that stopped the queue, if any (so the producer stops feeding it). */
  get failure(): unknown {
    return this.#failed ? this.#failure : null;
  }

  enqueue(parts: readonly StagedPart[]): void {
    for (const part of parts) {
      this.#queue = this.#queue.then(() => this.#write(part));
    }
    this.#queue = this.#queue.catch((err: unknown) => {
      if (!this.#failed) [this.#failed, this.#failure] = [true, err];
    });
  }

  /** Waits for every queued part; throws what stopped the queue. */
  async finish(): Promise<void> {
    await this.#queue;
    if (this.#failed) throw this.#failure;
  }

  async #write(part: StagedPart): Promise<void> {
    if (this.#failed || part.lines + part.rescued === 0) return;
    const file = join(this.outDir, `${part.startMs}.${part.index}.parquet`);
    const written = await this.duckdbGate(() => writeSlotFile(this.connection, this.staging, this.columns, part, this.slotMs, file));
    if (written === 0) return;
    const files = this.files.get(part.startMs) ?? [];
    files.push(file);
    this.files.set(part.startMs, files);
  }
}
