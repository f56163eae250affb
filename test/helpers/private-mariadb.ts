import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { freePort } from './services.js';

/**
 * A throwaway MariaDB server (own data directory, free port, no grant tables) for tests that must
 * run the by-hand scripts as written: they name `data_warehouse`, which on the shared server may be
 * a developer's demo database.
 */
export async function withPrivateMariaDb<T>(fn: (port: number) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'ksql-etl-mariadb-'));
  await promisify(execFile)('mariadb-install-db', ['--no-defaults', `--datadir=${dir}/data`, '--user=root', '--skip-test-db', '--auth-root-authentication-method=normal']);
  const port = await freePort();
  const server = spawn('mariadbd', ['--no-defaults', `--datadir=${dir}/data`, `--port=${port}`, '--bind-address=127.0.0.1', `--socket=${dir}/mysqld.sock`, '--user=root', '--skip-grant-tables', '--skip-log-bin', '--innodb-buffer-pool-size=32M'], { stdio: 'ignore' });
  try {
    for (let i = 0; ; i++) {
      const ok = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root' }).then((c) => c.end().then(() => true), () => false);
      if (ok) break;
      if (i > 150 || server.exitCode !== null) throw new Error('the private MariaDB did not start');
      await sleep(200);
    }
    return await fn(port);
  } finally {
    server.kill('SIGTERM');
    if (server.exitCode === null) await once(server, 'exit');
    await rm(dir, { recursive: true, force: true });
  }
}
