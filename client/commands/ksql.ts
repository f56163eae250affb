import { Command } from 'commander';
import { z } from 'zod';
import { datasetOptionsSchema, DEFAULT_DATASET } from '../../generator/index.js';
import type { KsqlDbClient } from '../../ksqldb/ksqldb-client.js';
import { maskCredentials } from '../../config/mask-credentials.js';
import type { CliDeps } from '../common/cli-deps.js';
import { commandSettings } from '../common/command-settings.js';
import { parseOptions } from '../common/parse-options.js';
import { KSQL_DIR } from '../common/project-files.js';

const waitSeconds = z.coerce.number().int().min(0);
const applyOptionsSchema = z.object({
  /** folder of *.sql files, applied in name order */
  dir: z.string().min(1),
  /** how long to wait for GET /info before giving up */
  waitSeconds,
});
const seedOptionsSchema = datasetOptionsSchema.extend({
  /** INSERT statements per POST /ksql */
  batchSize: z.coerce.number().int().min(1).max(1000),
  /** skip when this file exists; written after a complete seed */
  marker: z.string().optional(),
  waitSeconds,
});

export function ksqlCommand(deps: CliDeps): Command {
  const ksql = new Command('ksql').description('set up a real ksqlDB server: the pipeline DDL and a generated dataset');
  const apply = ksql
    .command('apply')
    .description('create the streams and tables of ksql/*.sql, in name order (sources that exist are kept)')
    .option('--dir <path>', 'folder of .sql files', KSQL_DIR)
    .option('--wait-seconds <n>', 'wait this long for ksqlDB to answer GET /info (0: do not check)', '180');
  commandSettings(apply, deps, ['ksqldb']);
  apply.action(async (opts: Record<string, unknown>) => {
    const options = parseOptions(apply, applyOptionsSchema, opts);
    const { applyKsqlDdl, readKsqlScripts } = await import('../../ksqlsetup/apply-ksql-ddl.js');
    const scripts = await readKsqlScripts(options.dir);
    await withClient(deps, options.waitSeconds, async (client) => {
      const outcome = await applyKsqlDdl(client, scripts, deps.out);
      deps.out(`ksql apply: ${outcome.created.length} created, ${outcome.existing.length} already there`);
    });
  });
  const seed = ksql
    .command('seed')
    .description('produce generated transactions and blacklist rows into ksqlDB with INSERT … VALUES')
    .option('--seed <n>', 'generator seed', Number, DEFAULT_DATASET.seed)
    .option('--start <iso>', 'first day, an ISO-8601 UTC instant', DEFAULT_DATASET.start)
    .option('--days <n>', 'number of days', Number, DEFAULT_DATASET.days)
    .option('--rows-per-day <n>', 'transactions per day', Number, DEFAULT_DATASET.rowsPerDay)
    .option('--batch-size <n>', 'INSERT statements per request', '100')
    .option('--marker <file>', 'skip if this file exists; write it once seeded (keeps reruns from doubling the stream)')
    .option('--wait-seconds <n>', 'wait this long for ksqlDB to answer GET /info (0: do not check)', '180');
  commandSettings(seed, deps, ['ksqldb']);
  seed.action(async (opts: Record<string, unknown>) => {
    const options = parseOptions(seed, seedOptionsSchema, opts);
    const [{ seedOnce }, { seedTransactions }] = await Promise.all([import('../../ksqlsetup/seed-marker.js'), import('../../ksqlsetup/seed-transactions.js')]);
    const dataset = { seed: options.seed, start: options.start, days: options.days, rowsPerDay: options.rowsPerDay };
    await withClient(deps, options.waitSeconds, async (client) => {
      const outcome = await seedOnce(options.marker, dataset, deps.out,
        () => seedTransactions(client, dataset, { batchSize: options.batchSize, out: deps.out }));
      if (outcome) {
        deps.out(`ksql seed: ${outcome.blacklist} blacklist rows and ${outcome.transactions} transactions ` +
          `in ${outcome.requests} requests (${JSON.stringify(dataset)})`);
      }
    });
  });
  return ksql;
}

/**
 * Opens a client with the worker's settings, waits for the server unless
 * `waitSeconds` is 0, and closes the client's pooled connections whatever happens.
 */
async function withClient(deps: CliDeps, waitSeconds: number, fn: (client: KsqlDbClient) => Promise<void>): Promise<void> {
  const env = deps.settings(['ksqldb']);
  const [{ createKsqlClient }, { waitForKsqlDb }] = await Promise.all([import('../../wiring/create-ksql-client.js'), import('../../ksqlsetup/wait-for-ksqldb.js')]);
  const client = createKsqlClient(env);
  try {
    if (waitSeconds > 0) {
      const version = await waitForKsqlDb(client, { url: env.KSQLDB_URL, timeoutMs: waitSeconds * 1000, log: deps.out });
      deps.out(`ksqlDB ${version} at ${maskCredentials(env.KSQLDB_URL)}`);
    }
    await fn(client);
  } finally {
    await client.close();
  }
}
