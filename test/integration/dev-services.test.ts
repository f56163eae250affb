import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { devCommand } from '../../client/commands/dev.js';
import { readEnv } from '../../config/env.js';
import { SEARCH_ATTRIBUTES } from '../../config/temporal.js';
import { devDown } from '../../dev/dev-down.js';
import type { DevContext } from '../../dev/dev-state.js';
import { devStatus } from '../../dev/dev-status.js';
import { devUp, DevUpError } from '../../dev/dev-up.js';
import { ensureMariaDb } from '../../dev/ensure-mariadb.js';
import { ensureTemporalCli } from '../../dev/ensure-temporal-cli.js';
import { listCustomSearchAttributes } from '../../dev/temporal-namespace.js';
import { startTemporalDevServer } from '../../dev/temporal-dev-server.js';
import { freePort, withTempDir } from '../helpers/services.js';

const quiet = () => undefined;

async function withConnection<T>(address: string, fn: (c: Connection) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address });
  try {
    return await fn(connection);
  } finally {
    await connection.close();
  }
}

describe('Temporal dev server', () => {
  it('started by global setup accepts clients and has the search attributes', async () => {
    const attributes = await withConnection(inject('temporalAddress'), (c) => listCustomSearchAttributes(c, 'default'));
    expect(attributes).toMatchObject(SEARCH_ATTRIBUTES);
  });

  it('keeps runs, search attributes and retention across restarts of a db file', async () => {
    await withTempDir('restart', async (dir) => {
      const start = async () =>
        startTemporalDevServer({ binary: inject('temporalCli'), port: await freePort(), uiPort: null, dbFile: join(dir, 'sub', 't.db'), detached: false });
      const first = await start();
      await withConnection(first.address, async (connection) => {
        await new Client({ connection }).workflow.start('neverPolled', { taskQueue: 'nobody', workflowId: 'survives-restarts' });
        // As if the database predated EtlRows: the restart must add it back (start-dev flags would not).
        await connection.operatorService.removeSearchAttributes({ namespace: 'default', searchAttributes: ['EtlRows'] });
      });
      await first.stop();
      for (let i = 0; i < 2; i++) {
        const again = await start();
        await withConnection(again.address, async (connection) => {
          expect(await listCustomSearchAttributes(connection, 'default')).toMatchObject(SEARCH_ATTRIBUTES);
          const ns = await connection.workflowService.describeNamespace({ namespace: 'default' });
          expect(Number(ns.config?.workflowExecutionRetentionTtl?.seconds)).toBe(30 * 24 * 3600);
          const run = await new Client({ connection }).workflow.getHandle('survives-restarts').describe();
          expect(run.status.name).toBe('RUNNING');
        });
        await again.stop();
      }
    });
  });

  it('fails with the log tail when the server cannot start', async () => {
    await withTempDir('bad', async (dir) => {
      const attempt = startTemporalDevServer({ binary: inject('temporalCli'), port: await freePort(), uiPort: null, dbFile: dir, detached: false });
      await expect(attempt).rejects.toThrow(/stopped while starting[\s\S]*temporal server output/);
    });
  });
});

describe('ensureTemporalCli', () => {
  it('says what to install when Go is missing', async () => {
    await withTempDir('tools', async (toolsDir) => {
      const attempt = ensureTemporalCli({ toolsDir, log: quiet, env: { PATH: '' } });
      await expect(attempt).rejects.toThrow(/Go was not found[\s\S]*Go 1\.25 or newer[\s\S]*TEMPORAL_CLI/);
    });
  });

  it('prefers TEMPORAL_CLI, then a binary already in toolsDir', async () => {
    await withTempDir('tools', async (toolsDir) => {
      expect(await ensureTemporalCli({ toolsDir, log: quiet, env: { TEMPORAL_CLI: inject('temporalCli') } })).toBe(inject('temporalCli'));
      await expect(ensureTemporalCli({ toolsDir, log: quiet, env: { TEMPORAL_CLI: join(toolsDir, 'nope') } })).rejects.toThrow(/does not exist/);
      await writeFile(join(toolsDir, 'temporal'), '', { mode: 0o755 });
      expect(await ensureTemporalCli({ toolsDir, log: quiet, env: { PATH: '' } })).toBe(join(toolsDir, 'temporal'));
    });
  });
});

describe('ensureMariaDb', () => {
  it('resolves against the running server', async () => {
    await expect(ensureMariaDb({ url: inject('mysqlUrl'), log: quiet })).resolves.toBe('already-running');
  });

  it('names the URL, without its password, when nothing answers', async () => {
    const url = `mysql://root:secret@10.255.255.1:${await freePort()}/x`; // not local: never started
    await expect(ensureMariaDb({ url, log: quiet })).rejects.toThrow(/mysql:\/\/root:\*\*\*@10\.255\.255\.1/);
  }, 20_000);
});

// Fake stand-in and worker scripts in a temp project root: dev up's bookkeeping is what is under test.
const FAKE_STANDIN = `const port = Number(process.argv[process.argv.indexOf('--port') + 1]);
require('node:http').createServer((req, res) => { res.writeHead(req.url === '/info' ? 200 : 404); res.end('{}'); })
  .listen(port, '127.0.0.1', () => console.log('ksqlDB stand-in listening on http://127.0.0.1:' + port));`;
const FAKE_WORKER = `if (process.env.FAIL_WORKER) { console.error('boom: no feeds'); process.exit(1); } setInterval(() => {}, 1000);`;

describe('dev up / down / status', () => {
  let root: string;
  let ctx: DevContext;
  let external: Server;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'ksql-etl-devup-'));
    await mkdir(join(root, 'dist/standin'), { recursive: true });
    await mkdir(join(root, 'dist/client'), { recursive: true });
    await writeFile(join(root, 'dist/standin/main.js'), FAKE_STANDIN);
    await writeFile(join(root, 'dist/client/cli.js'), FAKE_WORKER);
    const ports = { grpc: await freePort(), ui: await freePort(), ksql: await freePort() };
    const env = readEnv({
      TEMPORAL_ADDRESS: `127.0.0.1:${ports.grpc}`,
      TEMPORAL_UI_PORT: String(ports.ui),
      KSQLDB_URL: `http://127.0.0.1:${ports.ksql}`,
      // dev up only pings the server; a MYSQL_URL must still name a database
      MYSQL_URL: `${inject('mysqlUrl')}/data_warehouse`,
    });
    ctx = { env, projectRoot: root, processEnv: { ...process.env, TEMPORAL_CLI: inject('temporalCli') }, log: quiet };
    // a stand-in someone else runs: dev up must leave it alone
    external = createServer((_req, res) => res.end('{}'));
    await new Promise((resolve) => external.listen(ports.ksql, '127.0.0.1', () => resolve(undefined)));
  });
  const closeExternal = () => new Promise((resolve) => (external.listening ? external.close(resolve) : resolve(undefined)));
  afterAll(async () => {
    await devDown(ctx, { graceMs: 2000 });
    await closeExternal();
    await rm(root, { recursive: true, force: true });
  });

  it('starts what is missing, leaves what runs alone, and stops only what it started', async () => {
    const first = await devUp(ctx, { workerGraceMs: 500 });
    expect(first).toMatchObject({ started: ['temporal', 'worker'], external: ['standin'], alreadyRunning: [] });
    expect(first.uiUrl).toBe(`http://127.0.0.1:${ctx.env.TEMPORAL_UI_PORT}`);

    const second = await devUp(ctx, { workerGraceMs: 500 });
    expect(second).toMatchObject({ started: [], alreadyRunning: ['temporal', 'worker'], external: ['standin'] });

    const rows = Object.fromEntries((await devStatus(ctx)).map((r) => [r.service, r]));
    expect(rows['Temporal dev server']).toMatchObject({ state: 'up', startedBy: 'dev up' });
    expect(rows['Temporal Web UI']).toMatchObject({ state: 'up', startedBy: 'dev up' });
    expect(rows['ksqlDB stand-in']).toMatchObject({ state: 'up', startedBy: 'other', pid: null });
    expect(rows['ksql-etl worker']).toMatchObject({ state: 'up', startedBy: 'dev up' });
    expect(rows['MariaDB']).toMatchObject({ state: 'up' });

    expect(await devDown(ctx, { graceMs: 2000 })).toMatchObject({ stopped: ['worker', 'temporal'], notRunning: ['s3', 'standin'] });
    const after = await devStatus(ctx);
    expect(after.find((r) => r.service === 'Temporal dev server')).toMatchObject({ state: 'down', pid: null });
    expect(after.find((r) => r.service === 'ksqlDB stand-in')).toMatchObject({ state: 'up', startedBy: 'other' });
  });

  it('starts the stand-in once its port is free, and waits for GET /info', async () => {
    await closeExternal();
    const up = await devUp(ctx, { services: ['standin'] });
    expect(up.started).toEqual(['standin']);
    expect((await fetch(`${ctx.env.KSQLDB_URL}/info`)).status).toBe(200);
    expect((await devDown(ctx, { services: ['standin'] })).stopped).toEqual(['standin']);
  });

  it('reports a worker that dies at start with its log, and what it had started', async () => {
    const failing = { ...ctx, processEnv: { ...ctx.processEnv, FAIL_WORKER: '1' } };
    const attempt = devUp(failing, { services: ['standin', 'worker'], workerGraceMs: 2000 });
    await expect(attempt).rejects.toThrow(/worker did not start[\s\S]*boom: no feeds/);
    await expect(attempt).rejects.toSatisfy((err) => err instanceof DevUpError && err.started.join() === 'standin');
    await devDown(ctx);
  });

  it('is driven by `ksql-etl dev up|status|down`', async () => {
    await closeExternal();
    const lines: string[] = [];
    const command = () => devCommand({ readEnv: () => ctx.env, processEnv: ctx.processEnv, projectRoot: root, out: (l) => lines.push(l) });
    await command().parseAsync(['up', 'standin'], { from: 'user' });
    expect(lines.join('\n')).toMatch(/ksqlDB stand-in: started \(pid \d+\)/);
    await command().parseAsync(['status'], { from: 'user' });
    expect(lines.at(-1)).toMatch(/^SERVICE\s+STATE\s+PID\s+ADDRESS\s+STARTED BY\n[\s\S]*ksqlDB stand-in\s+up\s+\d+/);
    await command().parseAsync(['down'], { from: 'user' });
    expect(lines.join('\n')).toMatch(/ksqlDB stand-in: stopped/);
    const bogus = command().configureOutput({ writeErr: () => undefined });
    await expect(bogus.parseAsync(['up', 'kafka'], { from: 'user' })).rejects.toThrow(/Allowed choices are temporal, standin, s3, worker/);
  });
});
