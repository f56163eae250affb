import { statSync } from 'node:fs';
import { z } from 'zod';
import { DURATION_PATTERN, durationMsSchema, durationSyntax } from './duration-ms.js';
import { SettingsError } from './settings-error.js';
import { maskCredentials } from './mask-credentials.js';
import { DEFAULT_DUCKDB_CONCURRENT_WRITES, DEFAULT_DUCKDB_MEMORY_LIMIT, DEFAULT_DUCKDB_THREADS, duckDbMemorySchema } from './duckdb-settings.js';
import { s3EnvSchema } from './s3-env.js';
import { DEFAULT_TASK_QUEUE } from './temporal.js';

/** `30s`, `500ms`, `2m` (or `0s`) → milliseconds */
const graceDuration = durationMsSchema(durationSyntax(['ms', 's', 'm'], { zero: true }), 'expected a duration like 30s, 500ms or 2m');

/** `host:port` or `[v6]:port`, with a port a socket can have: a wrong one fails here, not after a 10 s dial. */
const hostPort = z.string().refine((text) => {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^\s:[\]/]+):(\d{1,5})$/.exec(text);
  return match !== null && Number(match[2]) >= 1 && Number(match[2]) <= 65_535;
}, 'expected host:port with a port from 1 to 65535, like 127.0.0.1:7233');

/** An absolute http(s) URL (ksqlDB's REST API speaks nothing else). */
const httpUrl = z.string().refine((text) => {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}, 'expected an http:// or https:// URL like http://127.0.0.1:8088');

/** Names that backtick quoting (as the warehouse code writes it) always keeps intact: no backtick, no dot, no space. */
const DATABASE_NAME = /^[A-Za-z0-9_$-]{1,64}$/;

/** Why a MYSQL_URL cannot be used, or null. Passwords go in the user part only: a query is never read. */
function mysqlUrlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'not a URL; expected mysql://user:password@host:3306/database';
  }
  if (url.protocol !== 'mysql:') return `must start with mysql:// (got ${url.protocol}//…)`;
  if (url.search) return 'query parameters are not read (a password goes in the user part: mysql://user:password@host:3306/database)';
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) return 'names no database; add one, e.g. mysql://root@127.0.0.1:3306/data_warehouse';
  if (!DATABASE_NAME.test(database)) return 'database name must be letters, digits, _, $ or - (at most 64)';
  return null;
}

/** A path that, if it exists, is a folder (files are written below it). */
const folderPath = z.string().min(1).refine((path) => {
  try {
    return statSync(path).isDirectory();
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT';
  }
}, 'exists but is not a folder');

// Each piece is what one concern reads; a command names the pieces it needs (`readSettings`), so a
// variable that only the worker reads can never block `feeds list`.

/** Where Temporal is and which queue the workers poll. */
export const temporalSettings = z.object({
  TEMPORAL_ADDRESS: hostPort.default('127.0.0.1:7233').describe('Temporal frontend (gRPC), host:port'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default').describe('Temporal namespace'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE).describe('task queue the workers poll and runs start on: both must agree'),
  TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65_535).default(8233).describe('Web UI port on the Temporal host, for printed links'),
  TEMPORAL_UI_URL: httpUrl.optional().describe('Web UI base URL, when not the dev server\'s (overrides TEMPORAL_UI_PORT)'),
});

/** How to reach ksqlDB. */
export const ksqldbSettings = z.object({
  KSQLDB_URL: httpUrl.default('http://127.0.0.1:8088').describe('ksqlDB REST endpoint'),
  KSQLDB_USERNAME: z.string().optional().describe('basic-auth user'),
  KSQLDB_PASSWORD: z.string().optional().describe('basic-auth password (never printed)'),
  KSQLDB_CA_FILE: z.string().optional().describe('PEM CA file of a TLS listener'),
  KSQLDB_CERT_FILE: z.string().optional().describe('PEM client certificate'),
  KSQLDB_KEY_FILE: z.string().optional().describe('PEM client key'),
});

export const mysqlSettings = z.object({
  MYSQL_URL: z
    .string()
    .superRefine((text, ctx) => {
      const problem = mysqlUrlProblem(text);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .default('mysql://root@127.0.0.1:3306/data_warehouse')
    .describe('warehouse, mysql://user:password@host:port/database (no query parameters)'),
});

/** A folder (as folderPath), or an S3 location `s3://bucket/prefix`, which has no folder to check. */
const lakeLocation = z.string().min(1).refine((text) => text.startsWith('s3://') || folderPath.safeParse(text).success, 'exists but is not a folder');

export const lakeSettings = z.object({
  LAKE_DIR: lakeLocation.default('./data/lake').describe('the Parquet lake: a folder, or s3://bucket/prefix (reached with the AWS_* variables)'),
  LAKE_STAGING_DIR: z.string().min(1).optional().describe("this process's staging folder, on its own disk; unset = <LAKE_DIR>/_staging, or under the OS temp dir for an S3 lake"),
  LAKE_CACHE_DIR: z.string().min(1).optional().describe("where an S3 lake's objects are copied to be read; unset = under the OS temp dir"),
  ...s3EnvSchema.shape,
  // The lake's DuckDB: exports spill beyond the cap, so a window of any size fits in bounded memory.
  DUCKDB_MEMORY_LIMIT: duckDbMemorySchema.default(DEFAULT_DUCKDB_MEMORY_LIMIT).describe("DuckDB's memory cap (exports spill to DUCKDB_TEMP_DIR beyond it)"),
  DUCKDB_THREADS: z.coerce.number().int().positive().default(DEFAULT_DUCKDB_THREADS).describe("DuckDB's threads"),
  DUCKDB_TEMP_DIR: z.string().optional().describe('where DuckDB spills; unset = a private folder under the OS temp dir, removed on close'),
  DUCKDB_CONCURRENT_WRITES: z.coerce.number().int().positive().default(DEFAULT_DUCKDB_CONCURRENT_WRITES)
    .describe("lake writes (a slot's or a snapshot's COPY) DuckDB runs at once; concurrent activities share DUCKDB_MEMORY_LIMIT, so more than 1 may need a larger cap"),
});

export const feedsSettings = z.object({
  FEEDS_DIR: folderPath.default('./feeds').describe('folder of feed files, <feed>.json'),
});

export const runSettings = z.object({
  RUN_MAX_RANGE: z
    .string()
    .regex(DURATION_PATTERN, 'expected a duration like 12h or 7d')
    .default('7d')
    .describe('longest range `run` exports at once; longer ones are for `backfill`'),
});

export const devSettings = z.object({
  DEV_STATE_DIR: z.string().min(1).default('./.dev').describe('where `dev up` keeps pids, logs and the Temporal database'),
});

export const workerSettings = z.object({
  /** each activity holds a pull, a DuckDB COPY or a MySQL load */
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().positive().default(4).describe('activities one worker runs at once'),
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().positive().default(40).describe('workflow tasks one worker runs at once'),
  // The SDK's own default grows with the heap limit (about 2,300 on a 4 GB heap): far more than a worker's memory budget holds.
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(100)
    .describe('open workflows a worker keeps in memory between tasks (at least WORKER_MAX_CONCURRENT_WORKFLOW_TASKS; 0 = none, each task replays its history)'),
  WORKER_TASKS: z.enum(['all', 'workflows', 'activities']).default('all')
    .describe('what this worker polls for: all, workflows or activities (a process without workflows holds no workflow thread, one without activities no DuckDB)'),
  WORKER_SHUTDOWN_GRACE: graceDuration.default(30_000).describe('after SIGTERM, how long running activities may finish (30s, 500ms, 2m)'),
  METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional().describe('serve Prometheus metrics on this port; unset = none'),
  NODE_ENV: z.string().optional().describe('`development` bundles the workflow code at start'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'silent']).default('info').describe('worker log level'),
});

/** The pieces by name, in the order help lists them. */
export const SETTINGS = {
  temporal: temporalSettings,
  ksqldb: ksqldbSettings,
  mysql: mysqlSettings,
  lake: lakeSettings,
  feeds: feedsSettings,
  run: runSettings,
  dev: devSettings,
  worker: workerSettings,
} as const;
export type SettingsPiece = keyof typeof SETTINGS;
export const ALL_SETTINGS = Object.keys(SETTINGS) as SettingsPiece[];

/** What reading `pieces` gives: only their variables. */
export type Settings<K extends SettingsPiece> = Pick<Env, Extract<{ [P in K]: keyof z.output<(typeof SETTINGS)[P]> }[K], keyof Env>>;
/** What a worker process reads. */
export const WORKER_PIECES = ['temporal', 'ksqldb', 'mysql', 'lake', 'feeds', 'worker'] as const satisfies readonly SettingsPiece[];
export type WorkerEnv = Settings<(typeof WORKER_PIECES)[number]>;
export type TemporalSettings = z.output<typeof temporalSettings>;
export type KsqldbSettings = z.output<typeof ksqldbSettings>;
export type MysqlSettings = z.output<typeof mysqlSettings>;
export type LakeSettings = z.output<typeof lakeSettings>;

/**
 * Everything the processes read from the environment, with the local defaults that `npm run demo`
 * uses. Parsed at a process edge (worker, CLI, test setup); libraries get values by argument.
 */
export const envSchema = z.object(Object.assign({}, ...Object.values(SETTINGS).map((s) => s.shape)) as
  typeof temporalSettings.shape & typeof ksqldbSettings.shape & typeof mysqlSettings.shape & typeof lakeSettings.shape &
  typeof feedsSettings.shape & typeof runSettings.shape & typeof devSettings.shape & typeof workerSettings.shape);

export type Env = z.infer<typeof envSchema>;

/**
 * Reads and checks the variables of `pieces` only. A bad value throws a SettingsError whose lines
 * each name the variable, show the value (URLs masked, secrets never) and say what would do.
 */
export function readSettings<K extends SettingsPiece>(source: NodeJS.ProcessEnv, pieces: readonly K[]): Settings<K> {
  const schema = z.object(Object.assign({}, ...pieces.map((p) => SETTINGS[p].shape)) as z.ZodRawShape);
  const parsed = schema.safeParse(source);
  if (parsed.success) return parsed.data as Settings<K>;
  throw new SettingsError(parsed.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    return `${name}: ${shownValue(name, source[name])} ${issue.message}`;
  }));
}

/** Every variable, as the worker and the dev services read them. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  return readSettings(source, ALL_SETTINGS) as Env;
}

/** A value as it may be printed: secrets hidden, URL passwords masked. */
function shownValue(name: string, value: string | undefined): string {
  if (value === undefined) return '(unset)';
  if (/PASSWORD|SECRET|TOKEN/.test(name)) return '(hidden)';
  if (/_URL$/.test(name)) return `"${maskCredentials(value)}"`;
  return JSON.stringify(value);
}

/** The Web UI base URL: explicit, or the dev server's UI on the Temporal host. */
export function temporalUiUrl(env: TemporalSettings): string {
  if (env.TEMPORAL_UI_URL) return env.TEMPORAL_UI_URL.replace(/\/$/, '');
  const host = env.TEMPORAL_ADDRESS.replace(/:\d+$/, '') || '127.0.0.1';
  return `http://${host}:${env.TEMPORAL_UI_PORT}`;
}
