import { Command } from 'commander';
import { z } from 'zod';
import type { CliDeps } from '../shared/cli-deps.js';
import { commandSettings } from '../shared/command-settings.js';
import { parseOptions } from '../shared/parse-options.js';
import { queryFormatSchema } from '../query/format-query-result.js';
import { runQueryCommand } from '../query/run-query-command.js';

const optionsSchema = z.object({
  /** DuckDB SQL; feeds are views by their id, `table_at('<feed>', <version>)` reads a kept version */
  sql: z.string().min(1),
  format: queryFormatSchema,
});
export type QueryOptions = z.infer<typeof optionsSchema>;

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
    runQueryCommand(settings(), deps.out, parseOptions(command, optionsSchema, { sql, ...opts })));
}
