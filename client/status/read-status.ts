import type { Settings } from '../../config/env.js';
import type { LakeStatus } from '../../lake/index.js';
import { selectFeeds } from '../common/select-feeds.js';
import { instantOption } from '../common/instant-option.js';
import { UsageError } from '../common/usage-error.js';

const DAY_MS = 86_400_000;

interface StatusRange {
  fromMs: number;
  toMs: number;
  nowMs: number;
}

/** `--from/--to` of `status` and `report`: default the last 24 hours, `--to` exclusive and after `--from`. */
function statusRange(opts: { from?: string | undefined; to?: string | undefined }, nowMs: number): StatusRange {
  const toMs = opts.to === undefined ? nowMs : instantOption('--to', opts.to);
  const fromMs = opts.from === undefined ? toMs - DAY_MS : instantOption('--from', opts.from);
  if (toMs <= fromMs) throw new UsageError(`--to must come after --from`);
  return { fromMs, toMs, nowMs };
}

/**
 * What `status` and `report` both do: check the range, then read the settings and the feeds (one,
 * or every one), and only then open the lake and the warehouse (imported here, so a usage mistake
 * loads no DuckDB or MySQL driver), collect the status model and close both.
 */
export async function readStatus(
  settings: () => Settings<'feeds' | 'lake' | 'mysql'>,
  opts: { feed?: string | undefined; from?: string | undefined; to?: string | undefined },
  nowMs: number,
): Promise<LakeStatus> {
  const range = statusRange(opts, nowMs);
  const env = settings();
  const feeds = await selectFeeds(env.FEEDS_DIR, opts.feed);
  const [{ Lake }, { connectWarehouse }, { collectStatus }] = await Promise.all([
    import('../../lake/index.js'),
    import('../../wiring/connect-warehouse.js'),
    import('./collect-status.js'),
  ]);
  const lake = await Lake.fromEnv(env);
  // The pool connects on its first query: only table feeds loaded into the warehouse ask it.
  const warehouse = connectWarehouse(env);
  try {
    return await collectStatus(lake, warehouse, feeds, range);
  } finally {
    lake.close();
    await warehouse.close();
  }
}
