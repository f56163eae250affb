import { Command } from 'commander';
import type { CliDeps } from '../common/cli-deps.js';
import { commandSettings } from '../common/command-settings.js';
import { parseOptions } from '../common/parse-options.js';
import { lakeQueryOptionsSchema, runQueryCommand } from '../query/run-query-command.js';

export function queryCommand(deps: CliDeps): Command {
  const command = new Command('query')
    .description(
      'run DuckDB SQL over the lake: each feed is a view by its id (streams with a `date` column that prunes, ' +
        "tables on their current version); table_at('<feed>', <version>) reads any kept version",
    )
    .argument('<sql>', 'the query, e.g. "SELECT count(*) FROM transaction_stream WHERE date = \'2026-11-24\'"')
    .option('--format <format>', 'table, csv or json (BIGINT and DECIMAL as exact strings)', 'table');
  const settings = commandSettings(command, deps, ['lake']);
  return command.action((sql: string, opts: Record<string, unknown>) =>
    runQueryCommand(settings(), deps.out, parseOptions(command, lakeQueryOptionsSchema, { sql, ...opts })));
}
