import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../client/doctor/check-result.js';
import { formatResults, runDoctor } from '../../client/doctor/run-doctor.js';
import { applySchedules } from '../../client/schedules/apply-schedules.js';
import { listScheduleIds } from '../../client/schedules/list-schedule-ids.js';
import type { Env } from '../../config/env.js';
import type { TableFeed } from '../../config/feed-schema.js';
import { getFeed } from '../../config/load-feeds.js';
import { toLakeColumns } from '../../lake/index.js';
import { startHarness, type Harness } from '../helpers/etl-harness.js';
import { fromArray } from '../helpers/lake-fixtures.js';
import { freePort, REPO_ROOT, withTempDir } from '../helpers/services.js';

const SQL_DIR = join(REPO_ROOT, 'sql');
const SECRET = 'Pa55-doctor-secret';
// The dev server is shared by every suite: this suite's schedules live under a prefix of their own.
const prefix = `test-doctor-${randomUUID().slice(0, 8)}:`;

let h: Harness;
let env: Env;
const hanging: { server: Server; sockets: Set<Socket>; port: number }[] = [];

/** A TCP server that accepts connections and never says a word: a service that hangs. */
async function hangingPort(): Promise<number> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  hanging.push({ server, sockets, port });
  return port;
}

/** The doctor's run, timed, with the lines a person would read. */
async function doctor(overrides: Partial<Env> = {}) {
  const began = Date.now();
  // A healthy setup on a busy test machine must not trip the 3 s per-step limit; outages keep it, since they are timed.
  const stepMs = Object.keys(overrides).length === 0 ? 10_000 : undefined;
  const results = await runDoctor({ env: { ...env, ...overrides }, sqlDir: SQL_DIR, schedulePrefix: prefix, stepMs });
  return { results, elapsedMs: Date.now() - began, text: formatResults(results).join('\n') };
}
function tableFeed(id: string): TableFeed {
  const feed = getFeed(h.deps.feeds, id);
  if (feed.kind !== 'table') throw new Error(`${id} is not a table feed`);
  return feed;
}
const statusOf = (results: CheckResult[], check: string) => results.find((r) => r.check === check)?.status;

beforeAll(async () => {
  h = await startHarness({ name: 'doctor', dataset: { seed: 5, start: '2026-03-01T00:00:00Z', days: 1, rowsPerDay: 300 } });
  // The worker of the harness polls its own task queue: the doctor must look at that one.
  env = { ...h.env, TEMPORAL_TASK_QUEUE: h.taskQueue };
  await applySchedules(h.client, h.deps.feeds, { feedsDir: h.env.FEEDS_DIR, taskQueue: h.taskQueue, prefix });
  // One export on record, so the column comparison has something to compare with.
  const feed = tableFeed('payment_method_totals');
  const source = await h.deps.ksql.describe(feed.source);
  await h.deps.lake.writeTableSnapshot({ feed, columns: toLakeColumns(source.columns), rows: fromArray([]), runId: 'doctor-test' });
});

afterAll(async () => {
  for (const id of await listScheduleIds(h.client, prefix)) await h.client.schedule.getHandle(id).delete().catch(() => undefined);
  for (const { server, sockets } of hanging) {
    sockets.forEach((s) => s.destroy());
    server.close();
  }
  await h?.stop();
});

describe('ksql-etl doctor', () => {
  it('finds a healthy setup all ok, every family checked', async () => {
    const { results, text } = await doctor();
    expect(results.filter((r) => r.status !== 'ok'), text).toEqual([]);
    for (const check of ['feeds: registry', 'ksqldb: reachable', 'ksqldb: protocol', 'ksqldb: auth', 'temporal: reachable', 'temporal: namespace',
      'temporal: search attributes', 'temporal: workers', 'temporal: schedules', 'mysql: reachable', 'mysql: privileges', 'mysql: schema',
      'lake: writable', 'lake: disk space', 'lake: staging', 'duckdb: engine']) {
      expect(statusOf(results, check), check).toBe('ok');
    }
    expect(results.filter((r) => r.check.startsWith('ksqldb: source of '))).toHaveLength(h.deps.feeds.size);
    expect(results.find((r) => r.check === 'ksqldb: source of payment_method_totals')?.detail).toContain('as at the last export');
    // The probe is removed at once: the lake holds only what the export wrote.
    expect((await readdir(h.env.LAKE_DIR)).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('names a missing schedule as a warning, and a column change under freeze as a failure', async () => {
    await h.client.schedule.getHandle(`${prefix}transaction_stream`).delete();
    const feed = tableFeed('user_transaction_summary');
    const source = await h.deps.ksql.describe(feed.source);
    const fewer = toLakeColumns(source.columns.slice(0, -1));
    await h.deps.lake.writeTableSnapshot({ feed, columns: fewer, rows: fromArray([]), runId: 'doctor-drift' });
    const { results } = await doctor();
    expect(results.find((r) => r.check === 'temporal: schedules')).toMatchObject({ status: 'warning', detail: expect.stringContaining('transaction_stream') });
    const drift = results.find((r) => r.check === 'ksqldb: source of user_transaction_summary');
    expect(drift).toMatchObject({ status: 'failed', detail: expect.stringContaining('added') });
  });

  it('reports every bad feed file, not just the first', async () => {
    await withTempDir('doctor-feeds', async (dir) => {
      await mkdir(dir, { recursive: true });
      await copyFile(join(h.env.FEEDS_DIR, 'transaction_stream.json'), join(dir, 'transaction_stream.json'));
      await writeFile(join(dir, 'broken.json'), '{ not json');
      await writeFile(join(dir, 'wrong_id.json'), JSON.stringify({ id: 'other', kind: 'table', source: 'X' }));
      const { results } = await doctor({ FEEDS_DIR: dir });
      expect(results.filter((r) => r.check.startsWith('feeds: ') && r.status === 'failed').map((r) => r.check)).toEqual(['feeds: broken.json', 'feeds: wrong_id.json']);
      expect(results.find((r) => r.check === 'feeds: registry')?.detail).toContain('1 valid');
    });
  });

  it('names ksqlDB as failed within seconds when the stand-in is stopped', async () => {
    await h.stopStandin();
    try {
      const { results, elapsedMs, text } = await doctor({ KSQLDB_USERNAME: 'ops', KSQLDB_PASSWORD: SECRET });
      expect(statusOf(results, 'ksqldb: reachable'), text).toBe('failed');
      expect(statusOf(results, 'temporal: reachable')).toBe('ok');
      expect(elapsedMs).toBeLessThan(10_000);
      expect(JSON.stringify(results)).not.toContain(SECRET);
    } finally {
      await h.restartStandin();
    }
  });

  it.each([
    ['hangs', hangingPort],
    ['has nothing listening', freePort],
  ])('names Temporal as failed within seconds when its address %s', async (_, port) => {
    const { results, elapsedMs, text } = await doctor({ TEMPORAL_ADDRESS: `127.0.0.1:${await port()}` });
    expect(statusOf(results, 'temporal: reachable'), text).toBe('failed');
    expect(statusOf(results, 'mysql: reachable')).toBe('ok');
    expect(elapsedMs).toBeLessThan(10_000);
  });

  it.each([
    ['hangs', hangingPort],
    ['has nothing listening', freePort],
  ])('names MySQL as failed within seconds when its URL %s, never printing the password', async (_, port) => {
    const { results, elapsedMs, text } = await doctor({ MYSQL_URL: `mysql://etl:${SECRET}@127.0.0.1:${await port()}/warehouse` });
    expect(statusOf(results, 'mysql: reachable'), text).toBe('failed');
    expect(statusOf(results, 'ksqldb: reachable')).toBe('ok');
    expect(elapsedMs).toBeLessThan(10_000);
    expect(JSON.stringify(results)).not.toContain(SECRET);
    expect(text).not.toContain(SECRET);
  });
});
