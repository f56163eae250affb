import { Command } from 'commander';
import { z } from 'zod';
import type { CliDeps } from '../common/cli-deps.js';
import { commandSettings } from '../common/command-settings.js';
import { parseOptions } from '../common/parse-options.js';
import { SQL_DIR } from '../common/project-files.js';
import { loadVersion } from '../warehouse/load-version.js';
import { warehouseFeeds, withStores } from '../warehouse/open-stores.js';
import { describeChecks, verifyWarehouse, WarehouseMismatchError } from '../warehouse/verify-warehouse.js';

const version = z.coerce.number().int().positive().optional();
const loadOptions = z.object({ feed: z.string(), version });
const verifyOptions = z.object({ feed: z.string().optional(), version, json: z.boolean().default(false) });
const pruneOptions = z.object({ keep: z.coerce.number().int().positive() });
/** What load, verify and prune open: the feed registry, the lake and the warehouse. */
const STORES = ['mysql', 'lake', 'feeds'] as const;

export function warehouseCommand(deps: CliDeps): Command {
  const warehouse = new Command('warehouse').description('the MySQL warehouse');
  const init = warehouse
    .command('init')
    .description('create the database named in MYSQL_URL and the star schema from sql/NN_create_*.sql (idempotent)');
  const initSettings = commandSettings(init, deps, ['mysql']);
  init.action(async () => {
    const { MYSQL_URL } = initSettings();
    const [{ applyWarehouseSchema }, { parseMysqlUrl }] = await Promise.all([import('../../warehouse/apply-schema.js'), import('../../warehouse/mysql-url.js')]);
    const applied = await applyWarehouseSchema(MYSQL_URL, SQL_DIR);
    deps.out(`warehouse ${parseMysqlUrl(MYSQL_URL).display}: applied ${applied.join(', ')}`);
  });

  const load = warehouse
    .command('load')
    .description('load a lake version of a table feed into its fact table (a version already loaded is left as it is)')
    .argument('<feed>', 'feed id, as in feeds/<feed>.json')
    .option('--version <n>', 'the lake version (default: the current one)');
  const loadSettings = commandSettings(load, deps, STORES);
  load.action(async (feed: string, opts: Record<string, unknown>) => {
    const o = parseOptions(load, loadOptions, { feed, ...opts });
    const r = await withStores(loadSettings(), (stores) => loadVersion(stores, o.feed, o.version));
    deps.out(`${o.feed} version ${r.version}: ${r.rows} rows ${r.alreadyLoaded ? 'already in' : 'loaded into'} ${r.table}`);
  });

  const verify = warehouse
    .command('verify')
    .description('compare each loaded version with the lake: row count, sum of every measure, content checksum; exit 1 on a difference')
    .argument('[feed]', 'feed id (default: every feed that loads the warehouse)')
    .option('--version <n>', 'only this version')
    .option('--json', 'print every check as JSON');
  const verifySettings = commandSettings(verify, deps, STORES);
  verify.action(async (feed: string | undefined, opts: Record<string, unknown>) => {
    const o = parseOptions(verify, verifyOptions, { feed, ...opts });
    const checks = await withStores(verifySettings(), (stores) => verifyWarehouse(stores, o.feed, o.version));
    if (o.json) deps.out(JSON.stringify(checks, null, 2));
    const lines = describeChecks(checks);
    if (checks.some((c) => !c.equal)) throw new WarehouseMismatchError(lines.join('\n'));
    if (!o.json) lines.forEach(deps.out);
  });

  const prune = warehouse
    .command('prune')
    .description('remove fact versions beyond the latest N of each feed (never the current one) and the dimension members left unused')
    .requiredOption('--keep <n>', 'versions to keep per feed');
  const pruneSettings = commandSettings(prune, deps, STORES);
  prune.action(async (opts: Record<string, unknown>) => {
    const o = parseOptions(prune, pruneOptions, opts);
    const { pruneVersions } = await import('../../warehouse/prune-versions.js');
    const r = await withStores(pruneSettings(), (stores) => pruneVersions(stores.warehouse, warehouseFeeds(stores.feeds), o.keep));
    for (const f of r.feeds) deps.out(`${f.feed} (${f.table}): ${f.versions.length ? `removed version(s) ${f.versions.join(', ')}` : 'nothing to remove'}`);
    deps.out(`${r.members} dimension member(s) no fact refers to removed`);
  });
  return warehouse;
}
