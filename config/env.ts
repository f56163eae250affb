import { z } from 'zod';
import { DEFAULT_DUCKDB_MEMORY_LIMIT, DEFAULT_DUCKDB_THREADS, duckDbMemorySchema } from './duckdb-settings.js';
import { DEFAULT_TASK_QUEUE } from './temporal.js';

const GRACE_UNIT_MS = { ms: 1, s: 1000, m: 60_000 } as const;
/** `30s`, `500ms`, `2m` → milliseconds */
const graceDuration = z
  .string()
  .regex(/^\d+(ms|s|m)$/, 'expected a duration like 30s, 500ms or 2m')
  .transform((text) => {
    const [, n, unit] = /^(\d+)(ms|s|m)$/.exec(text)!;
    return Number(n) * GRACE_UNIT_MS[unit as keyof typeof GRACE_UNIT_MS];
  });

/**
 * Everything the processes read from the environment, with the local defaults that `npm run demo`
 * uses. Parsed once at a process edge (worker, CLI, test setup); libraries get values by argument.
 */
export const envSchema = z.object({
  /** Temporal frontend (gRPC) address */
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  /** the queue workers poll and the command line starts workflows on: both must agree */
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE),
  /** Web UI port of the dev server; links printed by the CLI point here */
  TEMPORAL_UI_PORT: z.coerce.number().int().positive().default(8233),
  TEMPORAL_UI_URL: z.string().optional(),
  /** ksqlDB REST endpoint (the stand-in listens here in development) */
  KSQLDB_URL: z.string().url().default('http://127.0.0.1:8088'),
  KSQLDB_USERNAME: z.string().optional(),
  KSQLDB_PASSWORD: z.string().optional(),
  /** PEM files for a TLS ksqlDB listener */
  KSQLDB_CA_FILE: z.string().optional(),
  KSQLDB_CERT_FILE: z.string().optional(),
  KSQLDB_KEY_FILE: z.string().optional(),
  /** mysql://user:password@host:port/database */
  MYSQL_URL: z.string().default('mysql://root@127.0.0.1:3306/data_warehouse'),
  LAKE_DIR: z.string().default('./data/lake'),
  /** DuckDB's memory cap in the worker (default 128MB): exports spill to DUCKDB_TEMP_DIR beyond it, so a window of any size fits */
  DUCKDB_MEMORY_LIMIT: duckDbMemorySchema.default(DEFAULT_DUCKDB_MEMORY_LIMIT),
  /** DuckDB's threads (default 2) */
  DUCKDB_THREADS: z.coerce.number().int().positive().default(DEFAULT_DUCKDB_THREADS),
  /** where DuckDB spills; default: a private directory under the OS temp dir, removed when the worker stops */
  DUCKDB_TEMP_DIR: z.string().optional(),
  FEEDS_DIR: z.string().default('./feeds'),
  /** where `dev up` keeps pids, logs and the Temporal database */
  DEV_STATE_DIR: z.string().default('./.dev'),
  /** activities one worker process runs at once: each holds a pull, a DuckDB COPY or a MySQL load */
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().positive().default(4),
  /** workflow tasks one worker process runs at once (they are short and CPU-light) */
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().positive().default(40),
  /** after SIGTERM/SIGINT, how long running activities may finish before they are cancelled */
  WORKER_SHUTDOWN_GRACE: graceDuration.default(30_000),
  /** serve Prometheus metrics on this port (all interfaces); unset = no metrics endpoint */
  METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  /** `development` makes the worker bundle the workflow code at start instead of loading the prebuilt bundle */
  NODE_ENV: z.string().optional(),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export type Env = z.infer<typeof envSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  return envSchema.parse(source);
}

/** The Web UI base URL: explicit, or the dev server's UI on the Temporal host. */
export function temporalUiUrl(env: Env): string {
  if (env.TEMPORAL_UI_URL) return env.TEMPORAL_UI_URL.replace(/\/$/, '');
  const host = env.TEMPORAL_ADDRESS.split(':')[0] ?? '127.0.0.1';
  return `http://${host}:${env.TEMPORAL_UI_PORT}`;
}
