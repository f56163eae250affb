import type { ScheduleDescription, ScheduleOptions } from '@temporalio/client';
import { TypedSearchAttributes, type SearchAttributePair } from '@temporalio/common';
import { msOptionalToNumber } from '@temporalio/common/lib/time.js';
import { SA_FEED } from '../../workflows/search-attributes.js';

/**
 * What `schedules apply` manages, in one comparable form built the same way from the options it
 * would send and from what the server describes. The server compiles a cron expression into
 * calendars, so a cron schedule is compared through the expression kept in the action's memo.
 * Paused state and note are left out on purpose: they belong to the operator. Keys are sorted:
 * the memo is a map on the wire and comes back in any order.
 */
export function fingerprintOfOptions(o: ScheduleOptions): string {
  return canonicalJson({
    intervals: (o.spec.intervals ?? []).map((i) => [msOptionalToNumber(i.every), msOptionalToNumber(i.offset) ?? 0]),
    calendars: (o.spec.cronExpressions ?? []).length > 0,
    timezone: o.spec.timezone ?? 'UTC',
    jitter: msOptionalToNumber(o.spec.jitter) ?? 0,
    workflowType: o.action.workflowType,
    taskQueue: o.action.taskQueue,
    workflowId: o.action.workflowId,
    args: o.action.args,
    memo: o.action.memo,
    feed: typed(o.action.typedSearchAttributes).get(SA_FEED),
    runTimeout: msOptionalToNumber(o.action.workflowRunTimeout),
    overlap: o.policies?.overlap,
    catchupWindow: msOptionalToNumber(o.policies?.catchupWindow),
    pauseOnFailure: o.policies?.pauseOnFailure ?? false,
  });
}

export function fingerprintOfDescription(d: ScheduleDescription): string {
  return canonicalJson({
    intervals: (d.spec.intervals ?? []).map((i) => [i.every, i.offset ?? 0]),
    calendars: (d.spec.calendars ?? []).length > 0,
    timezone: d.spec.timezone || 'UTC',
    jitter: msOptionalToNumber(d.spec.jitter) ?? 0,
    workflowType: d.action.workflowType,
    taskQueue: d.action.taskQueue,
    workflowId: d.action.workflowId,
    args: d.action.args,
    memo: d.action.memo,
    feed: typed(d.action.typedSearchAttributes).get(SA_FEED),
    runTimeout: msOptionalToNumber(d.action.workflowRunTimeout),
    overlap: d.policies.overlap,
    catchupWindow: d.policies.catchupWindow,
    pauseOnFailure: d.policies.pauseOnFailure,
  });
}

function typed(attributes: SearchAttributePair[] | TypedSearchAttributes | undefined): TypedSearchAttributes {
  return attributes instanceof TypedSearchAttributes ? attributes : new TypedSearchAttributes(attributes ?? []);
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v);
}
