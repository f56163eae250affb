/**
 * A response body pulled chunk by chunk. Three guarantees the parsers rely on:
 * - backpressure: nothing is read from the socket until the caller asks for the next chunk;
 * - the idle timeout only counts time spent waiting for the server, never time the caller
 *   spends on the previous chunk (a slow consumer is not a stalled server);
 * - a body that stops without its protocol-level end raises KsqlTruncatedResponseError instead
 *   of looking like a short, complete result.
 */
import type { Readable } from 'node:stream';
import { type KsqlErrorContext, KsqlTimeoutError, KsqlTruncatedResponseError } from './errors.js';

/** The protocol-specific half: where bytes come from and how a proper end is recognised. */
export interface BodySource {
  readable: Readable;
  /** Whether the body ended with its terminator (last chunk, END_STREAM, full Content-Length). */
  endedProperly(): boolean;
  /** How an improper end looked, for the error message. */
  describeCut(): string;
  /** Releases the request: closes the socket or resets the HTTP/2 stream. */
  destroy(): void;
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };
const CANCELLED = Symbol('cancelled');

export class ResponseBody implements AsyncIterableIterator<Buffer> {
  readonly #source: BodySource;
  readonly #iterator: AsyncIterator<Buffer>;
  readonly #idleTimeoutMs: number;
  readonly #context: KsqlErrorContext;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort = (): void => void this.#fail(toError(this.#signal?.reason));
  #state: 'open' | 'ended' | 'cancelled' | 'failed' = 'open';
  #failure: Error | null = null;
  /**
   * Rejects the `next()` that is waiting, if any. One promise per call, not one for the body's
   * life: every `Promise.race` on a long-lived pending promise leaves a reaction on it that keeps
   * the race's result, so each chunk read would stay reachable until the body ends.
   */
  #interruptWaiting: ((reason: unknown) => void) | null = null;

  constructor(source: BodySource, idleTimeoutMs: number, context: KsqlErrorContext, signal?: AbortSignal) {
    this.#source = source;
    this.#idleTimeoutMs = idleTimeoutMs;
    this.#context = { ...context, phase: 'body' };
    this.#signal = signal;
    // Errors surface through the iterator; without a listener an error emitted while nobody is
    // reading (a slow consumer) would crash the process.
    source.readable.on('error', () => {});
    this.#iterator = source.readable[Symbol.asyncIterator]();
    if (signal?.aborted) this.#onAbort();
    else signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  /** True once `close()` was called before the end: the caller stopped reading on purpose. */
  get cancelled(): boolean {
    return this.#state === 'cancelled';
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<Buffer>> {
    if (this.#state === 'failed') throw this.#failure;
    if (this.#state !== 'open') return DONE;
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const detail = `no byte received for ${this.#idleTimeoutMs} ms (idle timeout)`;
        reject(this.#fail(new KsqlTimeoutError(this.#context, detail)));
      }, this.#idleTimeoutMs);
    });
    const interrupted = new Promise<never>((_, reject) => (this.#interruptWaiting = reject));
    interrupted.catch(() => {});
    const pending = this.#iterator.next();
    pending.catch(() => {}); // may lose the race below and settle later
    try {
      const result = await Promise.race([pending, idle, interrupted]);
      if (!result.done) return { done: false, value: result.value };
      if (!this.#source.endedProperly()) {
        throw this.#fail(new KsqlTruncatedResponseError(this.#context, this.#source.describeCut()));
      }
      this.#finish('ended');
      return DONE;
    } catch (error) {
      if (this.cancelled) return DONE;
      if (this.#failure) throw this.#failure;
      throw this.#fail(this.#truncation(error));
    } finally {
      clearTimeout(timer);
      this.#interruptWaiting = null;
    }
  }

  /** Stops reading and releases the connection; later `next()` calls report the end. */
  close(): void {
    if (this.#state !== 'open') return;
    this.#finish('cancelled');
    this.#source.destroy();
    this.#interruptWaiting?.(CANCELLED);
  }

  async return(): Promise<IteratorResult<Buffer>> {
    this.close();
    return DONE;
  }

  /** Reads the whole (small) body as text; stops and marks `overflow` past `maxBytes`. */
  async readText(maxBytes: number): Promise<{ text: string; overflow: boolean }> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of this) {
      chunks.push(chunk);
      size += chunk.length;
      if (size > maxBytes) {
        this.close();
        return { text: Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8'), overflow: true };
      }
    }
    return { text: Buffer.concat(chunks).toString('utf8'), overflow: false };
  }

  #fail(error: Error): Error {
    if (this.#state !== 'open') return this.#failure ?? error;
    this.#finish('failed');
    this.#failure = error;
    this.#source.destroy();
    this.#interruptWaiting?.(error);
    return error;
  }

  // Once the status line is in, any failure of the byte stream means the body is incomplete.
  #truncation(error: unknown): Error {
    const code = (error as { code?: unknown } | null)?.code;
    const what = typeof code === 'string' ? code : String((error as Error | null)?.message ?? error);
    return new KsqlTruncatedResponseError(this.#context, `${this.#source.describeCut()} (${what})`, { cause: error });
  }

  #finish(state: 'ended' | 'cancelled' | 'failed'): void {
    this.#state = state;
    this.#signal?.removeEventListener('abort', this.#onAbort);
  }
}


function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason ?? 'aborted'));
}
