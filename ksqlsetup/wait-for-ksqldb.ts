import { setTimeout as sleep } from 'node:timers/promises';
import { maskCredentials } from '../config/mask-credentials.js';
import type { KsqlInfoSource } from './ksql-executor.js';

export class KsqlDbNotReadyError extends Error {
  override name = 'KsqlDbNotReadyError';
}

export interface WaitOptions {
  /** give up after this long; ksqlDB takes 30–90 s to start next to a fresh Kafka */
  timeoutMs: number;
  intervalMs?: number;
  /** where the server is, for messages; credentials in it are masked */
  url: string;
  /** one line per attempt that failed, so a long wait shows why */
  log?: (line: string) => void;
}

/**
 * Resolves with the server version once `GET /info` answers. Errors the client marks as not
 * retryable (refused credentials, a server that is not ksqlDB) end the wait at once; others
 * (connection refused, 503 "Server initializing") are retried until `timeoutMs`, after which a
 * `KsqlDbNotReadyError` names the URL and the last failure.
 */
export async function waitForKsqlDb(server: KsqlInfoSource, opts: WaitOptions): Promise<string> {
  const deadline = Date.now() + opts.timeoutMs;
  const interval = opts.intervalMs ?? 2_000;
  const shown = maskCredentials(opts.url);
  for (let attempt = 1; ; attempt++) {
    let problem: string;
    try {
      return (await server.info()).version;
    } catch (err) {
      if ((err as { retryable?: unknown }).retryable === false) {
        throw new KsqlDbNotReadyError(`ksqlDB at ${shown} cannot be used: ${(err as Error).message}`, { cause: err });
      }
      problem = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() + interval > deadline) {
      throw new KsqlDbNotReadyError(
        `ksqlDB at ${shown} did not answer GET /info within ${Math.round(opts.timeoutMs / 1000)} s ` +
        `(${attempt} attempt(s); last: ${problem}). Is the server up and KSQLDB_URL right?`,
      );
    }
    opts.log?.(`waiting for ksqlDB at ${shown} (attempt ${attempt}: ${problem})`);
    await sleep(interval);
  }
}
