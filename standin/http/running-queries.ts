import { randomBytes, randomUUID } from 'node:crypto';

/**
 * Push and stream-pull queries in flight, by query id, so POST /close-query can end them. Table
 * pull queries are not registered: ksqlDB cannot close them either.
 */
export interface RunningQuery {
  id: string;
  /** set by /close-query; the streaming loop then ends the body normally */
  closeRequested: boolean;
  /** aborted by /close-query, so a stalled stream wakes up to finish */
  closed: AbortSignal;
}

export class RunningQueries {
  private readonly queries = new Map<string, RunningQuery>();

  private readonly aborters = new Map<string, AbortController>();

  register(id: string): RunningQuery {
    const aborter = new AbortController();
    const query = { id, closeRequested: false, closed: aborter.signal };
    this.queries.set(id, query);
    this.aborters.set(id, aborter);
    return query;
  }

  unregister(id: string): void {
    this.queries.delete(id);
    this.aborters.delete(id);
  }

  /** Requests the close; false when no such query runs. */
  close(id: string): boolean {
    const query = this.queries.get(id);
    if (!query) return false;
    query.closeRequested = true;
    this.aborters.get(id)?.abort();
    this.unregister(id);
    return true;
  }

  ids(): string[] {
    return [...this.queries.keys()];
  }
}

/** `transient_<SOURCE>_<positive long>` (≥ 0.24) or a UUID (older servers). */
export function transientQueryId(source: string, modern: boolean): string {
  if (!modern) return randomUUID();
  return `transient_${source}_${randomBytes(8).readBigUInt64BE() >> 1n}`;
}
