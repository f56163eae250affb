/**
 * Two settings that shape a worker's memory but that only take effect when the process starts (V8
 * sizes its heap, glibc its malloc arenas, before any of our code runs), so they travel in the
 * environment of whatever starts the worker: `ksql-etl dev up`, the Docker image, the tests and
 * `npm run bench` all use `withWorkerMemorySettings`; README "Memory" has the figures.
 */

const SEMI_SPACE_FLAG = '--max-semi-space-size';

/**
 * A young generation of 2 MB per semi-space instead of Node's 16: the HTTP chunks and staged
 * batches of an export die young, and their buffers are freed by the next minor GC rather than
 * piling up as garbage. 4 MB gave about 35 MB less idle and 50 MB less at an export's peak; 2 MB
 * about 8 MB less again, for more frequent minor GCs (about 2 % more CPU on a CPU-bound lake write).
 */
export const WORKER_NODE_OPTION = `${SEMI_SPACE_FLAG}=2`;
/** Two malloc arenas: the native threads (Temporal's core, DuckDB, libuv) no longer each grow their own. */
export const WORKER_MALLOC_ARENA_MAX = '2';

/** `env` with the worker's memory settings added, keeping what it already says about either. */
export function withWorkerMemorySettings(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
  const nodeOptions = out.NODE_OPTIONS ?? '';
  if (!nodeOptions.includes(SEMI_SPACE_FLAG)) out.NODE_OPTIONS = `${nodeOptions} ${WORKER_NODE_OPTION}`.trim();
  out.MALLOC_ARENA_MAX ??= WORKER_MALLOC_ARENA_MAX;
  return out;
}

/** What a worker started without those settings should be told (null when it has both). */
export function missingMemorySettings(env: Readonly<Record<string, string | undefined>>, execArgv: readonly string[]): string | null {
  const missing = [
    ...(`${env.NODE_OPTIONS ?? ''} ${execArgv.join(' ')}`.includes(SEMI_SPACE_FLAG) ? [] : [`NODE_OPTIONS=${WORKER_NODE_OPTION}`]),
    ...(env.MALLOC_ARENA_MAX ? [] : [`MALLOC_ARENA_MAX=${WORKER_MALLOC_ARENA_MAX}`]),
  ];
  return missing.length === 0 ? null : `started without ${missing.join(' and ')}: an export's peak memory is about 40 MB higher (README, "Memory")`;
}
