import type { Client, ScheduleHandle } from '@temporalio/client';
import { Command } from 'commander';
import { loadFeeds, type FeedRegistry } from '../../config/load-feeds.js';
import type { CliDeps } from '../common/cli-deps.js';
import { commandSettings } from '../common/command-settings.js';
import type { ScheduleTarget } from '../schedules/feed-schedule-options.js';

/** The modules that need the Temporal client, loaded when a subcommand runs (see root-cause.ts). */
const loadSchedules = async () => {
  const [apply, options, handle, list, wiring, retention] = await Promise.all([
    import('../schedules/apply-schedules.js'), import('../schedules/feed-schedule-options.js'), import('../schedules/feed-schedule-handle.js'),
    import('../schedules/list-schedules.js'), import('../../wiring/connect-temporal.js'), import('../schedules/retention-schedule-options.js'),
  ]);
  return { ...apply, ...options, ...handle, ...list, ...wiring, ...retention };
};
type SchedulesLib = Awaited<ReturnType<typeof loadSchedules>>;

/** Where the command's schedules live; tests pass a prefix and a task queue of their own. */
export type SchedulesPlace = Partial<Pick<ScheduleTarget, 'prefix' | 'taskQueue'>>;

export function schedulesCommand(deps: CliDeps, place: SchedulesPlace = {}): Command {
  const schedules = new Command('schedules').description('Temporal Schedules made from the feed registry, one per feed, and `lake:retention` (daily retention)');
  // The environment is read when a subcommand runs, so `--help` works whatever it says.
  const settings = commandSettings(schedules, deps, ['temporal', 'feeds']);
  const targetOf = (lib: SchedulesLib) => ({ prefix: place.prefix ?? lib.SCHEDULE_ID_PREFIX, taskQueue: place.taskQueue ?? settings().TEMPORAL_TASK_QUEUE });
  async function withTemporal(fn: (client: Client, feeds: FeedRegistry, lib: SchedulesLib) => Promise<void>): Promise<void> {
    const env = settings();
    const feeds = await loadFeeds(env.FEEDS_DIR);
    const lib = await loadSchedules();
    const temporal = await lib.connectTemporal(env);
    try {
      await fn(temporal.client, feeds, lib);
    } finally {
      await temporal.close();
    }
  }
  /** One feed's schedule, then a line saying what was done to it. */
  const onFeed = (done: string, act: (handle: ScheduleHandle, opts: { reason?: string }) => Promise<void>) =>
    (feedId: string, opts: { reason?: string }) =>
      withTemporal(async (client, feeds, lib) => {
        const scheduleId = lib.scheduleIdFor(targetOf(lib), feedId);
        await lib.withFeedSchedule(client, feeds, scheduleId, feedId, (handle) => act(handle, opts));
        deps.out(`${feedId}: ${done} (${scheduleId})`);
      });

  schedules
    .command('apply')
    .description('create or update one schedule per feed file; prints created, updated or unchanged per feed')
    .option('--prune', 'delete the schedules of feeds that have no file any more', false)
    .action((opts: { prune: boolean }) =>
      withTemporal(async (client, feeds, lib) => {
        const changes = await lib.applySchedules(client, feeds, { ...targetOf(lib), feedsDir: settings().FEEDS_DIR, prune: opts.prune });
        lib.describeChanges(changes).forEach(deps.out);
      }));
  schedules
    .command('list')
    .description('every feed schedule: cadence, paused, next run times, recent runs')
    .option('--json', 'print JSON', false)
    .action((opts: { json: boolean }) =>
      withTemporal(async (client, feeds, lib) => {
        const rows = await lib.listSchedules(client, feeds, targetOf(lib).prefix);
        if (opts.json) deps.out(JSON.stringify(rows, null, 2));
        else lib.describeScheduleRows(rows).forEach(deps.out);
      }));
  schedules
    .command('pause')
    .description('stop starting runs for a feed until it is unpaused (`schedules apply` keeps it paused)')
    .argument('<feed>', 'feed id, or lake:retention')
    .option('--reason <text>', 'why; shown as the schedule\'s note')
    .action(onFeed('paused', (h, o) => h.pause(o.reason ?? 'paused with ksql-etl schedules pause')));
  schedules
    .command('unpause')
    .description('start runs for a paused feed again')
    .argument('<feed>', 'feed id, or lake:retention')
    .action(onFeed('unpaused', (h) => h.unpause('unpaused with ksql-etl schedules unpause')));
  schedules
    .command('trigger')
    .description('start one scheduled run now (a stream exports the last window that is due)')
    .argument('<feed>', 'feed id, or lake:retention')
    // The SDK's default overlap (ALLOW_ALL) always starts the run; the canonical export id still
    // keeps it from running a window that is already running.
    .action(onFeed('triggered', (h) => h.trigger()));
  schedules
    .command('delete')
    .description('delete a feed\'s schedule (runs it started are left alone); `apply` creates it again while the feed file exists')
    .argument('<feed>', 'feed id, or lake:retention')
    .action(onFeed('deleted', (h) => h.delete()));
  return schedules;
}
