import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { TemporalSettings } from '../config/env.js';

/** A Temporal client for one command; call `close` when done. */
export async function connectTemporal(
  env: TemporalSettings,
  opts: { connectTimeoutMs?: number } = {},
): Promise<{ client: Client; close(): Promise<void> }> {
  const connectTimeout = opts.connectTimeoutMs;
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS, ...(connectTimeout ? { connectTimeout } : {}) }).catch((err: unknown) => {
    throw new Error(`cannot reach Temporal at ${env.TEMPORAL_ADDRESS} (${(err as Error).message}); start it with \`ksql-etl dev up\` or set TEMPORAL_ADDRESS`);
  });
  const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  return { client, close: () => connection.close() };
}

/** The worker's connection to TEMPORAL_ADDRESS; the namespace is the Worker's own option. */
export function connectWorkerToTemporal(env: TemporalSettings): Promise<NativeConnection> {
  return NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
}
