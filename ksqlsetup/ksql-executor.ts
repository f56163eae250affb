/**
 * The one thing setup needs from a ksqlDB client: POST /ksql. `KsqlDbClient` satisfies it; tests
 * may pass anything that does, so this folder never depends on how the client is built.
 */
export interface KsqlExecutor {
  executeStatement(ksql: string, streamsProperties?: Record<string, unknown>): Promise<unknown[]>;
}

/** GET /info, to know the server is up before sending anything. `KsqlDbClient` satisfies it too. */
export interface KsqlInfoSource {
  info(): Promise<{ version: string }>;
}

/**
 * Derived queries read their inputs from the beginning, not from "now": rows produced before a
 * CREATE … AS SELECT (or by a seed that raced it) still count. `SET` would only last for the
 * request that carries it, hence a property on every request.
 */
export const EARLIEST: Readonly<Record<string, unknown>> = Object.freeze({ 'ksql.streams.auto.offset.reset': 'earliest' });

/**
 * ksqlDB refuses a CREATE of a source that exists with 40001 and "… already exists" (wording
 * varies by version). The server's own message is preferred (`ksqlMessage` on the client's
 * errors) because the full message also quotes the statement; wrapped errors are followed down.
 */
export function isAlreadyExists(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const serverMessage = (e as { ksqlMessage?: unknown }).ksqlMessage;
    if (/already exists/i.test(typeof serverMessage === 'string' ? serverMessage : e.message)) return true;
  }
  return false;
}
