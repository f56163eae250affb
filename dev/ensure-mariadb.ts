import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createConnection } from 'mysql2/promise';
import { parseMysqlUrl, type MysqlTarget } from '../warehouse/mysql-url.js';
import { isLocalHost, waitFor } from './probes.js';

const MARIADBD = '/usr/sbin/mariadbd';
const START_DEADLINE_MS = 30_000;

export interface EnsureMariaDbOptions {
  /** mysql://user:password@host:port[/database]; the database need not exist yet */
  url: string;
  log: (line: string) => void;
}

/**
 * Resolves once the MySQL/MariaDB server at `url` answers a ping. A local server that refuses
 * connections is started (root only, Debian's mariadbd), since no service manager runs here.
 */
export async function ensureMariaDb(opts: EnsureMariaDbOptions): Promise<'already-running' | 'started'> {
  const target = parseMysqlUrl(opts.url);
  const first = await ping(target);
  if (first === 'ok') return 'already-running';
  const shown = target.display;
  if (first !== 'refused') throw new Error(`MariaDB/MySQL at ${shown} is not usable (${first}). Check MYSQL_URL.`);
  const canStart = isLocalHost(target.options.host ?? '') && process.getuid?.() === 0 && existsSync(MARIADBD);
  if (!canStart) {
    throw new Error(
      `MariaDB/MySQL at ${shown} does not answer (connection refused). ` +
        `Start it (as root: \`start-stop-daemon --start --oknodo --background --exec ${MARIADBD}\`) or set MYSQL_URL.`,
    );
  }
  opts.log(`MariaDB at ${shown} is not running; starting ${MARIADBD}…`);
  await startMariaDbd();
  let last: string = first;
  await waitFor({
    what: `MariaDB at ${shown}`,
    timeoutMs: START_DEADLINE_MS,
    check: async () => ((last = await ping(target)) === 'ok' ? true : undefined),
  }).catch((err: Error) => {
    throw new Error(`${err.message} after starting ${MARIADBD} (last error: ${last}); see its error log`);
  });
  return 'started';
}

/** True when the server at `url` answers a ping (and accepts the login). */
export async function pingMariaDb(url: string): Promise<boolean> {
  return (await ping(parseMysqlUrl(url))) === 'ok';
}

/** 'ok', 'refused' (nothing listens), or the driver's message (login denied, timeout…). */
async function ping(target: MysqlTarget): Promise<string> {
  try {
    // No database in the options: ensuring the server answers must not depend on a schema existing.
    const conn = await createConnection({ ...target.options, connectTimeout: 3000 });
    try {
      await conn.ping();
    } finally {
      await conn.end().catch(() => undefined);
    }
    return 'ok';
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return e.code === 'ECONNREFUSED' ? 'refused' : `${e.code ?? 'error'}: ${e.message}`;
  }
}

async function startMariaDbd(): Promise<void> {
  const run = (cmd: string, args: string[]) =>
    new Promise<void>((ok, fail) => execFile(cmd, args, { timeout: 15_000 }, (err) => (err ? fail(err) : ok())));
  // /run is a tmpfs: after a reboot the socket folder is gone and mariadbd would refuse to start.
  await run('install', ['-d', '-o', 'mysql', '-g', 'root', '-m', '755', '/run/mysqld']).catch(() => undefined);
  await run('start-stop-daemon', ['--start', '--oknodo', '--background', '--exec', MARIADBD]);
}
