import { Client, Connection } from '@temporalio/client';
import type { Env } from '../config/env.js';

/** A Temporal client for one command; call `close` when done. */
export async function connectTemporal(env: Env): Promise<{ client: Client; close(): Promise<void> }> {
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS }).catch((err: unknown) => {
    throw new Error(`cannot reach Temporal at ${env.TEMPORAL_ADDRESS} (${(err as Error).message}); start it with \`ksql-etl dev up\` or set TEMPORAL_ADDRESS`);
  });
  const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  return { client, close: () => connection.close() };
}

/** Link to a run's history in the Temporal Web UI. */
export function runUrl(uiBase: string, namespace: string, workflowId: string, runId: string): string {
  return `${uiBase}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}/${runId}/history`;
}
