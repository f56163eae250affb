import type { Client } from '@temporalio/client';

/**
 * Ids of the schedules under `prefix`, plus those `expected` (the registry's): listing goes through
 * the visibility store, which lags a just-created schedule by a moment, so a known id is never
 * left out. Callers describe each id and skip the ones that turn out not to exist.
 */
export async function listScheduleIds(client: Client, prefix: string, expected: Iterable<string> = []): Promise<string[]> {
  const ids = new Set(expected);
  for await (const summary of client.schedule.list()) {
    if (summary.scheduleId.startsWith(prefix)) ids.add(summary.scheduleId);
  }
  return [...ids].sort();
}
