import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { http1Request, http2Request } from '../unit/standin/support/raw-http.js';

// The command line as scripts use it: compile standin/main.ts alone, run it, stop it with SIGTERM.
const repo = resolve(import.meta.dirname, '../..');
let outDir: string;
let child: ChildProcess | undefined;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'standin-cli-'));
  await promisify(execFile)(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'),
    join(repo, 'standin/main.ts'), '--outDir', outDir, '--rootDir', repo, '--module', 'nodenext', '--moduleResolution', 'nodenext',
    '--target', 'es2022', '--lib', 'es2023', '--strict', '--skipLibCheck', '--types', 'node'], { cwd: repo });
  await writeFile(join(outDir, 'package.json'), '{"type":"module"}');
  await symlink(join(repo, 'node_modules'), join(outDir, 'node_modules'), 'dir');
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await rm(outDir, { recursive: true, force: true });
});

it('prints one line with its URL, serves, and stops cleanly on SIGTERM', async () => {
  child = spawn(process.execPath, [join(outDir, 'standin/main.js'), '--port', '0', '--seed', '7', '--rows-per-day', '50',
    '--version', '7.4.1', '--user', 'u', '--password', 'p'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  const match = /^ksqlDB stand-in listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
  expect(match).not.toBeNull();
  const url = match![1]!;

  const auth = { authorization: `Basic ${Buffer.from('u:p').toString('base64')}` };
  const info = await http1Request(url, { path: '/info', headers: auth });
  expect(JSON.parse(info.body).KsqlServerInfo.version).toBe('7.4.1');
  expect((await http1Request(url, { path: '/info' })).status).toBe(401);
  const rows = await http2Request(url, { path: '/query-stream', body: { sql: 'SELECT * FROM transaction_stream;' }, headers: auth });
  expect(rows.body.trim().split('\n')).toHaveLength(51);

  child.kill('SIGTERM');
  const [code] = (await once(child, 'exit')) as [number | null];
  expect(code).toBe(0);
});
