import { ScheduleNotFoundError, type Client } from '@temporalio/client';
import type { FeedRegistry } from '../../config/load-feeds.js';
import { listScheduleIds } from './list-schedule-ids.js';
import { RETENTION_SCHEDULE_NAME, retentionScheduleId } from './retention-schedule-options.js';

export interface ScheduleRow {
  feed: string;
  scheduleId: string;
  /** the cadence as the feed file gave it, e.g. `every 1h, 5m late (UTC)` */
  schedule: string;
  paused: boolean;
  note: string | null;
  nextRuns: string[];
  /** the last few runs: their scheduled time and workflow id */
  recent: Array<{ scheduledAt: string; workflowId: string }>;
}

/** Every schedule under `prefix`, described: what `schedules list` prints. */
export async function listSchedules(client: Client, feeds: FeedRegistry, prefix: string): Promise<ScheduleRow[]> {
  const rows: ScheduleRow[] = [];
  const retention = retentionScheduleId({ prefix });
  for (const scheduleId of await listScheduleIds(client, prefix, [...feeds.keys()].map((id) => `${prefix}${id}`).concat(retention))) {
    const d = await client.schedule.getHandle(scheduleId).describe().catch((err: unknown) => {
      if (err instanceof ScheduleNotFoundError) return null;
      throw err;
    });
    if (!d) continue;
    rows.push({
      feed: scheduleId === retention ? RETENTION_SCHEDULE_NAME : scheduleId.slice(prefix.length),
      scheduleId,
      schedule: String(d.action.memo?.schedule ?? '(not from a feed file)'),
      paused: d.state.paused,
      note: d.state.note || null,
      nextRuns: d.info.nextActionTimes.slice(0, 3).map((t) => t.toISOString()),
      recent: d.info.recentActions.slice(-3).map((a) => ({ scheduledAt: a.scheduledAt.toISOString(), workflowId: a.action.workflow.workflowId })),
    });
  }
  return rows;
}

export function describeScheduleRows(rows: readonly ScheduleRow[]): string[] {
  if (rows.length === 0) return ['no schedules: create them with `ksql-etl schedules apply`'];
  return rows.flatMap((r) => [
    `${r.feed.padEnd(34)} ${r.schedule.padEnd(30)} ${r.paused ? `PAUSED${r.note ? ` (${r.note})` : ''}` : 'active'}`,
    `  next: ${r.nextRuns.join(', ') || '-'}`,
    ...r.recent.map((a) => `  ran:  ${a.scheduledAt} → ${a.workflowId}`),
  ]);
}
