import { Command } from 'commander';
import { z } from 'zod';
import { applyWarehouseSchema } from '../../warehouse/apply-schema.js';
import { parseMysqlUrl } from '../../warehouse/mysql-url.js';
import { pruneVersions } from '../../warehouse/prune-versions.js';
import type { CliDeps } from '../cli-deps.js';
import { SQL_DIR } from '../project-files.js';
import { loadVersion } from '../warehouse/load-version.js';
import { warehouseFeeds, withStores } from '../warehouse/open-stores.js';
import { describeChecks, verifyWarehouse, WarehouseMismatchError } from '../warehouse/verify-warehouse.js';

const version = z.coerce.number().int().positive().optional();
const loadOptions = z.object({ feed: z.string(), version });
const verifyOptions = z.object({ feed: z.string().optional(), version, json: z.boolean().default(false) });
const pruneOptions = z.object({ keep: z.coerce.number().int().positive() });

export function warehouseCommand(deps: CliDeps): Command {
  const warehouse = new Command('warehouse').description('the MySQL warehouse');
  warehouse
    .command('init')
    .description('create the database named in MYSQL_URL and the star schema from sql/NN_create_*.sql (idempotent)')
    .action(async () => {
      const applied = await applyWarehouseSchema(deps.env.MYSQL_URL, SQL_DIR);
      deps.out(`warehouse ${parseMysqlUrl(deps.env.MYSQL_URL).display}: applied ${applied.join(', ')}`);
    });
  warehouse
    .command('load')
    .description('load a lake version of a table feed into its fact table (a version already loaded is left as it is)')
    .argument('<feed>', 'feed id, as in feeds/<feed>.json')
    .option('--version <n>', 'the lake version (default: the current one)')
    .action(async (feed: string, opts: object) => {
      const o = loadOptions.parse({ feed, ...opts });
      const r = await withStores(deps.env, (stores) => loadVersion(stores, o.feed, o.version));
      deps.out(`${o.feed} version ${r.version}: ${r.rows} rows ${r.alreadyLoaded ? 'already in' : 'loaded into'} ${r.table}`);
    });
  warehouse
    .command('verify')
    .description('compare each loaded version with the lake: row count, sum of every measure, content checksum; exit 1 on a difference')
    .argument('[feed]', 'feed id (default: every feed that loads the warehouse)')
    .option('--version <n>', 'only this version')
    .option('--json', 'print every check as JSON')
    .action(async (feed: string | undefined, opts: object) => {
      const o = verifyOptions.parse({ feed, ...opts });
      const checks = await withStores(deps.env, (stores) => verifyWarehouse(stores, o.feed, o.version));
      if (o.json) deps.out(JSON.stringify(checks, null, 2));
      const lines = describeChecks(checks);
      if (checks.some((c) => !c.equal)) throw new WarehouseMismatchError(lines.join('\n'));
      if (!o.json) lines.forEach(deps.out);
    });
  warehouse
    .command('prune')
    .description('remove fact versions beyond the latest N of each feed (never the current one) and the dimension members left unused')
    .requiredOption('--keep <n>', 'versions to keep per feed')
    .action(async (opts: object) => {
      const o = pruneOptions.parse(opts);
      const r = await withStores(deps.env, (stores) => pruneVersions(stores.warehouse, warehouseFeeds(stores.feeds), o.keep));
      for (const f of r.feeds) deps.out(`${f.feed} (${f.table}): ${f.versions.length ? `removed version(s) ${f.versions.join(', ')}` : 'nothing to remove'}`);
      deps.out(`${r.members} dimension member(s) no fact refers to removed`);
    });
  return warehouse;
}
