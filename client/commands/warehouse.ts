import { Command } from 'commander';
import { applyWarehouseSchema } from '../../warehouse/apply-schema.js';
import { parseMysqlUrl } from '../../warehouse/mysql-url.js';
import type { CliDeps } from '../cli-deps.js';
import { SQL_DIR } from '../project-files.js';

export function warehouseCommand(deps: CliDeps): Command {
  const warehouse = new Command('warehouse').description('the MySQL warehouse');
  warehouse
    .command('init')
    .description('create the database and the star schema from sql/NN_create_*.sql (idempotent)')
    .action(async () => {
      const applied = await applyWarehouseSchema(deps.env.MYSQL_URL, SQL_DIR);
      deps.out(`warehouse ${parseMysqlUrl(deps.env.MYSQL_URL).display}: applied ${applied.join(', ')}`);
    });
  return warehouse;
}
