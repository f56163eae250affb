import { userInfo } from 'node:os';
import { Command } from 'commander';
import { z } from 'zod';
import { getFeed, loadFeeds } from '../../config/load-feeds.js';
import { Lake, LakeVersionError } from '../../lake/index.js';
import { setCurrentVersion } from '../../warehouse/current-version.js';
import { WarehouseDataError } from '../../warehouse/errors.js';
import { connectWarehouse } from '../../wiring/connect-warehouse.js';
import type { CliDeps } from '../common/cli-deps.js';
import { commandSettings } from '../common/command-settings.js';
import { parseOptions } from '../common/parse-options.js';
import { UsageError } from '../common/usage-error.js';

const rollbackSchema = z.object({
  feed: z.string(),
  to: z.coerce.number().int().positive(),
});

/** A version that is not there (not kept in the lake, not loaded in the warehouse) is bad input: exit 2. */
const asUsageError = (err: unknown): never => {
  throw err instanceof LakeVersionError || err instanceof WarehouseDataError ? new UsageError(err.message) : err;
};

export function lakeCommand(deps: CliDeps): Command {
  const lake = new Command('lake').description('the Parquet lake');
  const rollback = lake
    .command('rollback')
    .description("point a table feed's readers, and the warehouse's current views, back at a version the lake keeps; the next snapshot still gets a new number")
    .argument('<feed>', 'table feed id, as in feeds/<feed>.json')
    .requiredOption('--to <version>', 'the version to make current');
  const settings = commandSettings(rollback, deps, ['feeds', 'lake', 'mysql']);
  rollback.action(async (feedId: string, opts: Record<string, unknown>) => {
      const options = parseOptions(rollback, rollbackSchema, { feed: feedId, ...opts });
      const env = settings();
      const feed = getFeed(await loadFeeds(env.FEEDS_DIR), options.feed);
      if (feed.kind !== 'table') throw new UsageError(`${feed.id} is a stream feed: only table feeds have versions to roll back to`);
      const opened = await Lake.fromEnv(env);
      const warehouse = feed.warehouse ? connectWarehouse(env) : null;
      try {
        const by = userInfo().username;
        const moved = await opened.rollback(feed.id, options.to, by).catch(asUsageError);
        if (warehouse) {
          // The warehouse refuses a version it has not loaded; the lake then goes back where it was,
          // so readers of both never disagree (its log keeps both moves).
          await setCurrentVersion(warehouse, feed, options.to).catch(async (err: unknown) => {
            if (moved.from !== null && moved.from !== moved.to) await opened.rollback(feed.id, moved.from, by);
            return asUsageError(err);
          });
        }
        deps.out(`${feed.id}: current version ${moved.from ?? 'none'} → ${moved.to} (by ${moved.by} at ${moved.at})`);
        if (feed.warehouse) deps.out(`  ${feed.warehouse.fact}_current now shows version ${moved.to}`);
      } finally {
        opened.close();
        await warehouse?.close();
      }
    });
  return lake;
}
