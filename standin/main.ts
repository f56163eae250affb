import { Command } from 'commander';
import { z } from 'zod';
import { DEFAULT_DATASET } from '../generator/dataset-options.js';
import { resolveStart } from './resolve-start.js';
import { DEFAULT_LIVE_RATE, startStandin } from './start-standin.js';

/**
 * `node dist/standin/main.js --port 8088 …`: runs the ksqlDB stand-in until SIGTERM / SIGINT.
 * Prints exactly one line once listening, which scripts wait for.
 */
const optionsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string(),
  seed: z.coerce.number().int(),
  /** an ISO-8601 instant or today / today-Nd / today+Nd, checked here so a typo fails before listening */
  start: z.string().superRefine((text, ctx) => {
    try { resolveStart(text, Date.now()); } catch (error) { ctx.addIssue({ code: 'custom', message: (error as Error).message }); }
  }),
  days: z.coerce.number().int().min(1),
  rowsPerDay: z.coerce.number().int().min(1),
  live: z.boolean(),
  liveRate: z.coerce.number().positive().finite(),
  version: z.string(),
  user: z.string().optional(),
  password: z.string().optional(),
}).refine((o) => (o.user === undefined) === (o.password === undefined), { message: '--user and --password go together' });

const program = new Command('ksqldb-standin')
  .description('ksqlDB-compatible dev server over generated payment transactions')
  .option('--port <port>', 'listen port (0 = any free port)', '8088')
  .option('--host <host>', 'listen address', '127.0.0.1')
  .option('--seed <seed>', 'dataset seed', String(DEFAULT_DATASET.seed))
  .option('--start <day>', 'first day: ISO-8601 UTC instant, or today, today-1d, today+2d (UTC midnight)', DEFAULT_DATASET.start)
  .option('--days <n>', 'number of days', String(DEFAULT_DATASET.days))
  .option('--rows-per-day <n>', 'transactions per day', String(DEFAULT_DATASET.rowsPerDay))
  .option('--live', 'after the fixed days, keep producing transactions up to the current time', false)
  .option('--live-rate <per-second>', 'transactions per second in live mode', String(DEFAULT_LIVE_RATE))
  .option('--version <version>', 'ksqlDB / Confluent Platform version to emulate', '7.5.0')
  .option('--user <user>', 'require HTTP Basic auth with this user')
  .option('--password <password>', 'password for --user')
  .action(async (raw: Record<string, string | boolean | undefined>) => {
    const opts = optionsSchema.parse(raw);
    const standin = await startStandin({
      port: opts.port, host: opts.host, seed: opts.seed, start: opts.start, days: opts.days,
      rowsPerDay: opts.rowsPerDay, live: opts.live, liveRate: opts.liveRate, version: opts.version,
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
