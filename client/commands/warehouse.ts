import { Command } from 'commander';
import type { CliDeps } from '../cli-deps.js';
import { commandSettings } from '../command-settings.js';
import { SQL_DIR } from '../project-files.js';

export function warehouseCommand(deps: CliDeps): Command {
  const warehouse = new Command('warehouse').description('the MySQL warehouse');
  const init = warehouse
    .command('init')
    .description('create the database and the star schema from sql/NN_create_*.sql (idempotent)');
  const settings = commandSettings(init, deps, ['mysql']);
  init.action(async () => {
    const { MYSQL_URL } = settings();
    const [{ applyWarehouseSchema }, { parseMysqlUrl }] = await Promise.all([import('../../warehouse/apply-schema.js'), import('../../warehouse/mysql-url.js')]);
    const applied = await applyWarehouseSchema(MYSQL_URL, SQL_DIR);
    deps.out(`warehouse ${parseMysqlUrl(MYSQL_URL).display}: applied ${applied.join(', ')}`);
  });
  return warehouse;
}
