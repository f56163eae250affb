import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startStandin, type Standin } from '../../standin/index.js';
import { applyWarehouseSchema } from '../../warehouse/apply-schema.js';
import { Warehouse } from '../../warehouse/warehouse.js';
import { REPO_ROOT } from '../helpers/services.js';
import { testDatabaseUrl } from '../helpers/test-warehouse.js';
import { startWorkerProcess, type WorkerProcess } from '../helpers/worker-process.js';

// `ksql-etl` as a person runs it: the built CLI in a subprocess, its exit code, stdout and stderr.
// Services, where a test needs them, sit at addresses of their own; elsewhere nothing listens.
const CLI = join(REPO_ROOT, 'dist/client/cli.js');
const FEEDS = join(REPO_ROOT, 'feeds');
const DEAD = { TEMPORAL_ADDRESS: '127.0.0.1:1', KSQLDB_URL: 'http://127.0.0.1:1', MYSQL_URL: 'mysql://root@127.0.0.1:1/nothing', FEEDS_DIR: FEEDS };
const DAY = '2026-10-05';

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** when stderr first matched `interruptWhen` (ms after the start) */
  interruptedAtMs: number | null;
}

/**
 * Runs the CLI with exactly `env` (plus PATH); resolves when it exits, or is killed after
 * `killAfterMs`. `interruptWhen`: press Ctrl-C (SIGINT) once stderr matches it.
 */
function cli(args: string[], env: Record<string, string> = DEAD, killAfterMs = 60_000, interruptWhen?: RegExp): Promise<Ran> {
  const began = Date.now();
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    let interruptedAtMs: number | null = null;
    proc.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      if (interruptWhen && interruptedAtMs === null && interruptWhen.test(stderr)) {
        interruptedAtMs = Date.now() - began;
        proc.kill('SIGINT');
      }
    });
    const timer = setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
    proc.on('error', reject);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - began, interruptedAtMs });
    });
  });
}

let tmp: string;
/** the CLI's own start-up on this machine: what "fails at once" is measured against */
let baselineMs: number;

beforeAll(async () => {
  await promisify(execFile)('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT });
  tmp = await mkdtemp(join(tmpdir(), 'ksql-etl-cli-'));
  baselineMs = (await cli(['--version'])).ms;
});
afterAll(() => (tmp ? rm(tmp, { recursive: true, force: true }) : undefined));

describe('check, then dial', () => {
  it('a bad window fails before any connection, exit 2, naming the option, the value and what would do', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--from', '2026-11-24T10:30:00Z'], /--from 2026-11-24T10:30:00Z is not on a boundary of transaction_stream's 1h slots \(e\.g\. 2026-11-24T10:00:00\.000Z\)/],
      [['--from', 'yesterday'], /--from yesterday: expected an ISO-8601 instant with a zone/],
      [['--from', '2026-11-24T10:00'], /--from 2026-11-24T10:00: expected an ISO-8601 instant with a zone/],
      [['--from', '2016-11-24T10:00:00Z', '--to', '2026-11-24T10:00:00Z'], /more than RUN_MAX_RANGE \(7d\).*ksql-etl backfill transaction_stream/],
      [['--from', '2030-11-24T10:00:00Z'], /--from 2030-11-24T10:00:00Z is in the future/],
      [['--window', '2026-11-24T10:30:00Z'], /deprecated: use --from\/--to[\s\S]*not on a boundary/],
    ];
    for (const [args, message] of cases) {
      const ran = await cli(['run', 'transaction_stream', ...args]);
      expect(ran.code, args.join(' ')).toBe(2);
      expect(ran.stderr).toMatch(message);
      // Nothing dialled: a connection to the dead Temporal takes 10 s to give up. (On an idle machine
      // the whole process takes about as long as `--version`; the margin is for a loaded one.)
      expect(ran.ms - baselineMs).toBeLessThan(2500);
    }
    const table = await cli(['run', 'user_transaction_summary', '--from', 'garbage']);
    expect([table.code, table.stderr.trim()]).toEqual([2, '--from applies to stream feeds only: user_transaction_summary is a table feed, each run takes a whole snapshot']);
  });
});

describe('settings, once, with names', () => {
  it('each bad variable is named with its value and what would do; a secret is never printed', async () => {
    const cases: Array<[Record<string, string>, string[], RegExp]> = [
      [{ MYSQL_URL: 'mysql://root@127.0.0.1:3306/' }, ['warehouse', 'init'], /^MYSQL_URL: "mysql:\/\/root@127\.0\.0\.1:3306" names no database/],
      [{ MYSQL_URL: 'mysql://root@127.0.0.1:3306/dw?password=secret' }, ['warehouse', 'init'], /^MYSQL_URL: .*query parameters are not read/],
      [{ MYSQL_URL: 'mysql://root@127.0.0.1:3306/a`b' }, ['warehouse', 'init'], /^MYSQL_URL: .*database name must be letters, digits, _, \$ or -/],
      [{ MYSQL_URL: 'garbage' }, ['warehouse', 'init'], /^MYSQL_URL: "garbage" not a URL; expected mysql:\/\/user:password@host:3306\/database/],
      [{ KSQLDB_URL: 'ftp://x' }, ['ksql', 'apply'], /^KSQLDB_URL: "ftp:\/\/x" expected an http:\/\/ or https:\/\/ URL/],
      [{ TEMPORAL_ADDRESS: '127.0.0.1:99999' }, ['run', 'transaction_stream'], /^TEMPORAL_ADDRESS: "127\.0\.0\.1:99999" expected host:port with a port from 1 to 65535/],
      [{ LAKE_DIR: CLI }, ['backfill', 'transaction_stream', '--from', `${DAY}T00:00:00Z`, '--to', `${DAY}T01:00:00Z`, '--dry-run'], /^LAKE_DIR: ".*cli\.js" exists but is not a folder/],
      [{ RUN_MAX_RANGE: 'forever' }, ['run', 'transaction_stream'], /^RUN_MAX_RANGE: "forever" expected a duration like 12h or 7d/],
    ];
    for (const [env, args, message] of cases) {
      const ran = await cli(args, { ...DEAD, ...env });
      expect(ran.code, JSON.stringify(env)).toBe(2);
      expect(ran.stderr).toMatch(message);
      expect(ran.stderr + ran.stdout).not.toContain('secret');
      expect(ran.ms - baselineMs).toBeLessThan(2500);
    }
  });

  it('offline commands read only what they need: a bad KSQLDB_URL does not block `feeds list`', async () => {
    const ran = await cli(['feeds', 'list', '--json'], { ...DEAD, KSQLDB_URL: 'notaurl', MYSQL_URL: 'garbage' });
    expect(ran.code).toBe(0);
    expect((JSON.parse(ran.stdout) as Array<{ id: string }>).map((f) => f.id)).toHaveLength(8);
  });

  it('help lists the variables a command reads, and only those', async () => {
    const ran = await cli(['feeds', 'list', '--help']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/Environment:\n {2}FEEDS_DIR +folder of feed files/);
    expect(ran.stdout).not.toContain('KSQLDB_URL');
    expect((await cli(['run', '--help'])).stdout).toMatch(/TEMPORAL_ADDRESS[\s\S]*FEEDS_DIR[\s\S]*RUN_MAX_RANGE/);
  });
});

describe('every problem at once', () => {
  it('feeds validate names every bad file and field, exit 2; a bad file blocks only its own feed', async () => {
    const dir = join(tmp, 'bad-feeds');
    await cp(FEEDS, dir, { recursive: true });
    const stream = JSON.parse(await readFile(join(dir, 'transaction_stream.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(join(dir, 'transaction_stream.json'), JSON.stringify({ ...stream, slot: '13x' }));
    await writeFile(join(dir, 'user_transaction_summary.json'), '{ not json');
    const env = { ...DEAD, FEEDS_DIR: dir };
    const ran = await cli(['feeds', 'validate'], env);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toContain(`6 feed file(s) valid in ${dir}, 2 not:`);
    expect(ran.stderr).toContain(`${join(dir, 'transaction_stream.json')}: slot: must be a duration like 15m, 1h or 1d`);
    expect(ran.stderr).toContain(`${join(dir, 'user_transaction_summary.json')}: not valid JSON`);
    // A command about the bad feed stops on its file; one about a good feed gets past the registry.
    expect((await cli(['run', 'transaction_stream'], env)).stderr).toMatch(/transaction_stream\.json: slot:/);
    const other = await cli(['run', 'transaction_flattened', '--from', 'x'], env);
    expect([other.code, other.stderr]).toEqual([2, expect.stringMatching(/^--from x: expected an ISO-8601 instant/)]);
  });

  it('a missing or non-folder FEEDS_DIR is named', async () => {
    const missing = join(tmp, 'no-such-folder');
    const ran = await cli(['feeds', 'validate'], { ...DEAD, FEEDS_DIR: missing });
    expect([ran.code, ran.stderr.trim()]).toEqual([2, expect.stringMatching(/^FEEDS_DIR: ".*no-such-folder" does not exist/)]);
    expect((await cli(['feeds', 'validate'], { ...DEAD, FEEDS_DIR: CLI })).stderr).toMatch(/^FEEDS_DIR: ".*cli\.js" exists but is not a folder/);
  });
});

describe('conventions', () => {
  it('--version, usage errors exit 2 with the flag as typed', async () => {
    const version = await cli(['--version']);
    expect([version.code, version.stdout.trim()]).toEqual([0, JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')).version]);
    expect((await cli(['run', '--bogus'])).code).toBe(2);
    expect((await cli(['no-such-command'])).code).toBe(2);
    expect((await cli(['backfill', 'transaction_stream'])).code).toBe(2);
    const seconds = await cli(['ksql', 'apply', '--wait-seconds', 'x'], { ...DEAD });
    expect([seconds.code, seconds.stderr]).toEqual([2, expect.stringMatching(/^--wait-seconds "x": /)]);
  });
});

describe('against services', () => {
  let standin: Standin;
  const dbs: string[] = [];
  const workers: WorkerProcess[] = [];
  const temporal = () => inject('temporalAddress');

  /** A worker of the built CLI on a queue of its own, with a lake, a database and a feeds folder. */
  async function worker(name: string, feedsDir: string, ksqldbUrl = standin.url): Promise<Record<string, string>> {
    const mysqlUrl = testDatabaseUrl(`cli_${name}`);
    dbs.push(mysqlUrl);
    await applyWarehouseSchema(mysqlUrl, join(REPO_ROOT, 'sql'));
    const env = {
      TEMPORAL_ADDRESS: temporal(), TEMPORAL_TASK_QUEUE: `test-cli-${name}-${Date.now()}`, KSQLDB_URL: ksqldbUrl,
      MYSQL_URL: mysqlUrl, LAKE_DIR: await mkdtemp(join(tmp, `lake-${name}-`)), FEEDS_DIR: feedsDir,
    };
    const proc = startWorkerProcess(env);
    workers.push(proc);
    await proc.waitForLine((l) => l.msg === 'worker started');
    return env;
  }

  beforeAll(async () => {
    standin = await startStandin({ port: 0, seed: 31, start: `${DAY}T00:00:00Z`, days: 1, rowsPerDay: 480 });
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await standin?.close();
    for (const url of dbs) {
      const warehouse = Warehouse.connect(url);
      await warehouse.query(`DROP DATABASE IF EXISTS \`${warehouse.database}\``);
      await warehouse.close();
    }
  });

  it('run with no worker polling says so within 10 s; Ctrl-C detaches without cancelling', async () => {
    const env = { ...DEAD, TEMPORAL_ADDRESS: temporal(), TEMPORAL_TASK_QUEUE: `test-cli-nobody-${Date.now()}` };
    const ran = await cli(['run', 'transaction_stream', '--from', `${DAY}T00:00:00Z`], env, 30_000, /no worker is polling/);
    expect(ran.stderr).toMatch(/no worker is polling task queue test-cli-nobody-\d+: the run waits until one does/);
    expect(ran.interruptedAtMs).toBeLessThan(10_000);
    expect(ran.stderr).toMatch(/detached: export:transaction_stream:2026-10-05T00:00:00Z goes on in Temporal \(nothing was cancelled\)/);
    expect(ran.code).toBe(0);
    // Ctrl-C returns at once: the result's long poll does not hold the process.
    expect(ran.ms - ran.interruptedAtMs!).toBeLessThan(3000);
  });

  it('with ksqlDB down, run shows each retry with its failure; --timeout stops waiting, not the run', async () => {
    const env = await worker('noksql', FEEDS, 'http://127.0.0.1:1');
    const ran = await cli(['run', 'transaction_stream', '--from', `${DAY}T01:00:00Z`, '--timeout', '12s'], env, 60_000);
    expect(ran.stderr).toMatch(/exportStreamSlots: .*\(attempt [2-9]; last failure: .+\)/);
    expect(ran.stderr).toMatch(/stopped waiting after --timeout: export:transaction_stream:2026-10-05T01:00:00Z goes on in Temporal \(not cancelled\)/);
    expect(ran.code).toBe(1);
  });

  it('feeds sync creates a missing FEEDS_DIR and prints the paths it wrote', async () => {
    const dir = join(tmp, 'synced', 'feeds');
    const ran = await cli(['feeds', 'sync'], { ...DEAD, KSQLDB_URL: standin.url, FEEDS_DIR: dir });
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toContain(`added     ${join(dir, 'transaction_stream.json')}`);
    expect(JSON.parse(await readFile(join(dir, 'transaction_stream.json'), 'utf8'))).toMatchObject({ id: 'transaction_stream', kind: 'stream' });
  });

  it('run --detach prints the id and link and returns; run --json follows it to its outcome', async () => {
    const env = await worker('single', FEEDS);
    const detached = await cli(['run', 'transaction_stream', '--from', `${DAY}T02:00:00Z`, '--detach', '--json'], env);
    expect(detached.code).toBe(0);
    expect(JSON.parse(detached.stdout)).toMatchObject({ workflowId: 'export:transaction_stream:2026-10-05T02:00:00Z', url: expect.stringMatching(/\/workflows\/export%3Atransaction_stream/) });
    const followed = await cli(['run', 'transaction_stream', '--from', `${DAY}T03:00:00Z`, '--to', `${DAY}T05:00:00Z`, '--json'], env);
    expect(followed.code).toBe(0);
    const outcome = JSON.parse(followed.stdout) as { rows: number; files: string[] };
    const expected = standin.dataset.transactions.filter((t) => t.timestamp >= Date.parse(`${DAY}T03:00:00Z`) && t.timestamp < Date.parse(`${DAY}T05:00:00Z`)).length;
    expect(outcome.rows).toBe(expected);
    expect(outcome.files).toHaveLength(2);
    expect(followed.stderr).toContain('started export:transaction_stream:2026-10-05T03:00:00Z..2026-10-05T05:00:00Z');
  });

  it('run --all exports all 8 feeds with one summary; with one source missing the other 7 land and the exit code is 1', async () => {
    const badFeeds = join(tmp, 'one-missing-source');
    await cp(FEEDS, badFeeds, { recursive: true });
    const table = JSON.parse(await readFile(join(badFeeds, 'payment_method_totals.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(join(badFeeds, 'payment_method_totals.json'), JSON.stringify({ ...table, source: 'NO_SUCH_TABLE' }));
    const [good, bad] = await Promise.all([worker('all', FEEDS), worker('missing', badFeeds)]);

    const all = await cli(['run', '--all', '--from', `${DAY}T06:00:00Z`, '--to', `${DAY}T12:00:00Z`, '--concurrency', '4', '--json'], good, 300_000);
    expect(all.code, all.stderr).toBe(0);
    const rows = JSON.parse(all.stdout) as Array<{ feed: string; outcome: string; rows: number; files: number; what: string }>;
    expect(rows.map((r) => r.feed).sort()).toHaveLength(8);
    expect(rows.every((r) => r.outcome === 'ok')).toBe(true);
    const stream = rows.find((r) => r.feed === 'transaction_stream')!;
    expect([stream.what, stream.files]).toEqual(['[2026-10-05T06:00:00.000Z, 2026-10-05T12:00:00.000Z)', 6]);
    expect(rows.find((r) => r.feed === 'user_transaction_summary')!.what).toBe('version 1');

    const partial = await cli(['run', '--all', '--from', `${DAY}T12:00:00Z`, '--to', `${DAY}T18:00:00Z`], bad, 300_000);
    expect(partial.code).toBe(1);
    expect(partial.stderr).toContain('1 of 8 feed(s) failed; the others landed');
    const lines = partial.stdout.split('\n');
    expect(lines[0]).toMatch(/feed +window or version +rows +quarantined +files +duration +outcome +Web UI/);
    expect(lines.filter((l) => / ok +http/.test(l))).toHaveLength(7);
    expect(lines.find((l) => l.includes('payment_method_totals'))).toMatch(/failed: KsqlStatementError/);
  });
});
