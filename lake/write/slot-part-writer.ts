import { join } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { ConcurrencyLimit } from '../common/concurrency-limit.js';
import { summarizeParquetFiles, type FileSummary } from './content-checksum.js';
import type { StreamColumns } from '../encoding/row-encoder.js';
import type { StagedPart, StreamStaging } from '../staging/stream-staging.js';
import { writeSlotFile } from './write-slot-file.js';

/** One part's Parquet file and what it holds. */
export interface WrittenPart {
  file: string;
  summary: FileSummary;
}

/**
 * Writes sealed parts to Parquet in the background, while the rows of later slots are still being
 * staged: DuckDB's work overlaps the transfer instead of following it. Parts are written one at a
 * time while DuckDB keeps up with the transfer (the usual case when rows come over the network);
 * once parts queue up behind it, up to `lanes` run at once, each on its own connection. Parts are
 * small, so two single-threaded COPYs side by side use two cores as well as one COPY on two threads,
 * with less memory (duckdb-settings.ts); the last two parts of a transfer, sealed together, still go
 * one after the other, which keeps a worker's peak down. Each part's checksum is taken in its lane
 * too, so a slot written in one part (the usual case) needs no pass of its own at the end. A failure
 * stops the queue; `failure` lets the staging loop stop early, `finish` throws it.
 */
export class SlotPartWriter {
  readonly #written = new Map<number, Array<WrittenPart & { index: number }>>();
  readonly #waiting: StagedPart[] = [];
  readonly #tasks: Array<Promise<void>> = [];
  #running = 0;
  readonly #idle: DuckDBConnection[] = [];
  readonly #open: DuckDBConnection[] = [];
  #failure: unknown = null;
  #failed = false;

  constructor(
    private readonly duckdb: DuckDBInstance,
    private readonly staging: StreamStaging,
    private readonly columns: StreamColumns,
    private readonly slotMs: number,
    private readonly outDir: string,
    /** admits each part's COPY when the process's other lake writes let it */
    private readonly duckdbGate: ConcurrencyLimit,
    private readonly lanes: number,
  ) {}

  /** The error that stopped the queue, if any (so the producer stops feeding it). */
  get failure(): unknown {
    return this.#failed ? this.#failure : null;
  }

  /** Parts written per slot start, in part order (a slot without rows has none); read after `finish`. */
  get written(): Map<number, WrittenPart[]> {
    return new Map([...this.#written].map(([slot, parts]) => [slot, parts.sort((a, b) => a.index - b.index).map(({ file, summary }) => ({ file, summary }))]));
  }

  enqueue(parts: readonly StagedPart[]): void {
    this.#waiting.push(...parts);
    this.#startWaiting();
  }

  /** Waits for every queued part and closes the connections; throws what stopped the queue. */
  async finish(): Promise<void> {
    // A task that ends starts the next waiting part (adding it to the list) before it settles.
    for (let awaited = 0; awaited < this.#tasks.length; ) {
      awaited = this.#tasks.length;
      await Promise.all(this.#tasks);
    }
    for (const connection of this.#open) connection.closeSync();
    if (this.#failed) throw this.#failure;
  }

  /** Starts waiting parts: one lane while DuckDB keeps up, more once two or more parts wait. */
  #startWaiting(): void {
    while (this.#waiting.length > 0 && (this.#running === 0 || (this.#running < this.lanes && this.#waiting.length >= 2))) {
      const part = this.#waiting.shift()!;
      this.#running++;
      const task = this.#write(part)
        .catch((err: unknown) => {
          if (!this.#failed) [this.#failed, this.#failure] = [true, err];
        })
        .finally(() => {
          this.#running--;
          this.#startWaiting();
        });
      this.#tasks.push(task);
    }
  }

  async #write(part: StagedPart): Promise<void> {
    if (this.#failed || part.lines + part.rescued === 0) return;
    const file = join(this.outDir, `${part.startMs}.${part.index}.parquet`);
    const connection = this.#idle.pop() ?? (await this.#connect());
    try {
      const summary = await this.duckdbGate(async () => {
        const written = await writeSlotFile(connection, this.staging, this.columns, part, this.slotMs, file);
        return written === 0 ? null : (await summarizeParquetFiles(connection, [file])).get(file)!;
      });
      if (summary === null) return;
      const parts = this.#written.get(part.startMs) ?? [];
      parts.push({ index: part.index, file, summary });
      this.#written.set(part.startMs, parts);
    } finally {
      this.#idle.push(connection);
    }
  }

  async #connect(): Promise<DuckDBConnection> {
    const connection = await this.duckdb.connect();
    this.#open.push(connection);
    return connection;
  }
}
