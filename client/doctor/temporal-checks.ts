import { ScheduleNotFoundError, type Client } from '@temporalio/client';
import type { Env } from '../../config/env.js';
import type { FeedRegistry } from '../../config/load-feeds.js';
import { SEARCH_ATTRIBUTES } from '../../config/temporal.js';
import { listCustomSearchAttributes } from '../../dev/temporal-namespace.js';
import { connectTemporal } from '../../wiring/connect-temporal.js';
import { SCHEDULE_ID_PREFIX, scheduleIdOf } from '../schedules/feed-schedule-options.js';
import { failed, messageOf, ok, warning, withinMs, type CheckResult } from './check-result.js';

/** `temporal.api.enums.v1.TaskQueueType` numbers (the client package does not export the enum). */
const TASK_QUEUE_TYPE = { workflow: 1, activity: 2 } as const;

/** Temporal: reachable, the namespace, search attributes, workers on the task queue, feed schedules. */
export async function checkTemporal(env: Env, feeds: FeedRegistry, stepMs: number, schedulePrefix = SCHEDULE_ID_PREFIX): Promise<CheckResult[]> {
  const where = `${env.TEMPORAL_ADDRESS}, namespace ${env.TEMPORAL_NAMESPACE}`;
  let temporalClient;
  try {
    temporalClient = await withinMs(stepMs, `Temporal at ${env.TEMPORAL_ADDRESS}`, connectTemporal(env, { connectTimeoutMs: stepMs }));
  } catch (err) {
    return [failed('temporal: reachable', messageOf(err), 'start Temporal (`ksql-etl dev up`) or set TEMPORAL_ADDRESS')];
  }
  const { client } = temporalClient;
  // Every call gets the step's deadline, so a server that stops answering after the connect cannot hang us.
  const call = <T>(what: string, fn: () => Promise<T>) => withinMs(stepMs, what, client.connection.withDeadline(Date.now() + stepMs, fn));
  const namespace = env.TEMPORAL_NAMESPACE;
  try {
    const system = await call('GetSystemInfo', () => client.workflowService.getSystemInfo({}));
    const results = [ok('temporal: reachable', `${env.TEMPORAL_ADDRESS}, server ${system.serverVersion || 'version not reported'}`)];
    try {
      await call('DescribeNamespace', () => client.workflowService.describeNamespace({ namespace }));
      results.push(ok('temporal: namespace', `${namespace} exists`));
    } catch (err) {
      results.push(failed('temporal: namespace', `${namespace}: ${messageOf(err)}`, `create it (\`temporal operator namespace create ${namespace}\`) or set TEMPORAL_NAMESPACE`));
      return results;
    }
    const steps = await Promise.all([
      searchAttributes(client, call, namespace).catch((err) => failed('temporal: search attributes', messageOf(err), 'check the server\'s search attributes')),
      pollers(client, call, namespace, env.TEMPORAL_TASK_QUEUE).catch((err) => failed('temporal: workers', messageOf(err), 'check TEMPORAL_TASK_QUEUE')),
      schedules(client, call, feeds, schedulePrefix).catch((err) => warning('temporal: schedules', messageOf(err), '`ksql-etl schedules list` shows what is there')),
    ]);
    return [...results, ...steps];
  } catch (err) {
    return [failed('temporal: reachable', `${where}: ${messageOf(err)}`, 'check TEMPORAL_ADDRESS and that the server is healthy')];
  } finally {
    await temporalClient.close().catch(() => undefined);
  }
}

type Call = <T>(what: string, fn: () => Promise<T>) => Promise<T>;

async function searchAttributes(client: Client, call: Call, namespace: string): Promise<CheckResult> {
  const registered = await call('ListSearchAttributes', () => listCustomSearchAttributes(client.connection, namespace));
  const problems = Object.entries(SEARCH_ATTRIBUTES).flatMap(([name, type]) => {
    const have = registered[name];
    if (have === undefined) return [`${name} missing`];
    return have === type ? [] : [`${name} is ${have}, expected ${type}`];
  });
  if (problems.length === 0) return ok('temporal: search attributes', `${Object.keys(SEARCH_ATTRIBUTES).join(', ')} registered`);
  return failed('temporal: search attributes', problems.join('; '),
    `register each: temporal operator search-attribute create --namespace ${namespace} --name <name> --type <type> (names and types in config/temporal.ts)`);
}

/** Both halves of a worker poll the queue: workflow tasks and activity tasks. */
async function pollers(client: Client, call: Call, namespace: string, taskQueue: string): Promise<CheckResult> {
  const count = async (taskQueueType: number) =>
    (await call('DescribeTaskQueue', () => client.workflowService.describeTaskQueue({ namespace, taskQueue: { name: taskQueue }, taskQueueType }))).pollers?.length ?? 0;
  const [workflow, activity] = await Promise.all([count(TASK_QUEUE_TYPE.workflow), count(TASK_QUEUE_TYPE.activity)]);
  if (workflow > 0 && activity > 0) return ok('temporal: workers', `${workflow} worker(s) polling task queue ${taskQueue}`);
  return failed('temporal: workers', `no worker polls task queue ${taskQueue} (workflow pollers ${workflow}, activity pollers ${activity}): runs would wait`,
    'start one with `ksql-etl worker` (same TEMPORAL_TASK_QUEUE and namespace)');
}

/** Missing schedules are a warning: runs can still be started by hand. */
async function schedules(client: Client, call: Call, feeds: FeedRegistry, prefix: string): Promise<CheckResult> {
  const target = { prefix };
  const states = await Promise.all([...feeds.keys()].map(async (feedId) => {
    const scheduleId = scheduleIdOf(target, feedId);
    try {
      const description = await call(`schedule ${scheduleId}`, () => client.schedule.getHandle(scheduleId).describe());
      return { feedId, state: description.state.paused ? 'paused' : 'active' };
    } catch (err) {
      if (err instanceof ScheduleNotFoundError) return { feedId, state: 'missing' };
      throw err;
    }
  }));
  const missing = states.filter((s) => s.state === 'missing').map((s) => s.feedId);
  const paused = states.filter((s) => s.state === 'paused').map((s) => s.feedId);
  const pausedNote = paused.length ? `; paused: ${paused.join(', ')}` : '';
  if (missing.length === 0) return ok('temporal: schedules', `${states.length} feed schedule(s) present${pausedNote}`);
  return warning('temporal: schedules', `no schedule for ${missing.join(', ')}${pausedNote}`, 'create them with `ksql-etl schedules apply`');
}
