/** Runs `fn` when the gate lets it, resolving as `fn` does. */
export type ConcurrencyLimit = <T>(fn: () => Promise<T>) => Promise<T>;

/**
 * A gate that lets at most `limit` calls run at once, the others waiting their turn in order: how
 * the lake overlaps uploads and downloads without opening a connection per file.
 */
export function concurrencyLimit(limit: number): ConcurrencyLimit {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (fn) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await fn();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/** `fn` over every item with at most `limit` calls in flight, results in the items' order. */
export function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const limited = concurrencyLimit(limit);
  return Promise.all(items.map((item) => limited(() => fn(item))));
}
