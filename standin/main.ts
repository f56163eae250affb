import { Command } from 'commander';
import { z } from 'zod';
import { DEFAULT_DATASET } from '../generator/dataset-options.js';
import { startStandin } from './start-standin.js';

/**
 * `node dist/standin/main.js --port 8088 …`: runs the ksqlDB stand-in until SIGTERM / SIGINT.
 * Prints exactly one line once listening, which scripts wait for.
 */
const optionsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string(),
  seed: z.coerce.number().int(),
  start: z.string(),
  days: z.coerce.number().int().min(1),
  rowsPerDay: z.coerce.number().int().min(1),
  version: z.string(),
  user: z.string().optional(),
  password: z.string().optional(),
}).refine((o) => (o.user === undefined) === (o.password === undefined), { message: '--user and --password go together' });

const program = new Command('ksqldb-standin')
  .description('ksqlDB-compatible dev server over generated payment transactions')
  .option('--port <port>', 'listen port (0 = any free port)', '8088')
  .option('--host <host>', 'listen address', '127.0.0.1')
  .option('--seed <seed>', 'dataset seed', String(DEFAULT_DATASET.seed))
  .option('--start <iso>', 'first day, ISO-8601 UTC instant', DEFAULT_DATASET.start)
  .option('--days <n>', 'number of days', String(DEFAULT_DATASET.days))
  .option('--rows-per-day <n>', 'transactions per day', String(DEFAULT_DATASET.rowsPerDay))
  .option('--version <version>', 'ksqlDB / Confluent Platform version to emulate', '7.5.0')
  .option('--user <user>', 'require HTTP Basic auth with this user')
  .option('--password <password>', 'password for --user')
  .action(async (raw: Record<string, string | undefined>) => {
    const opts = optionsSchema.parse(raw);
    const standin = await startStandin({
      port: opts.port, host: opts.host, seed: opts.seed, start: opts.start, days: opts.days,
      rowsPerDay: opts.rowsPerDay, version: opts.version,
      ...(opts.user !== undefined && opts.password !== undefined ? { auth: { username: opts.user, password: opts.password } } : {}),
    });
    console.log(`ksqlDB stand-in listening on ${standin.url}`);
    const stop = () => { void standin.close().then(() => process.exit(0)); };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof z.ZodError ? z.prettifyError(error) : error);
  process.exitCode = 2;
});
