import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { backfillInput } from '../../client/backfill/backfill-input.js';
import { startBackfill } from '../../client/backfill/start-backfill.js';
import { envSchema, type Env } from '../../config/env.js';
import { getFeed, loadFeeds } from '../../config/load-feeds.js';
import { Lake, openObjectStore, parseLakeLocation } from '../../lake/index.js';
import { startStandin, type Standin } from '../../standin/index.js';
import { seaweedfsEnv, seaweedfsSettings } from '../helpers/lake-storages.js';
import { REPO_ROOT } from '../helpers/services.js';
import { testDatabaseUrl } from '../helpers/test-warehouse.js';
import { startWorkerProcess, type WorkerProcess } from '../helpers/worker-process.js';

// Two `ksql-etl worker` processes from the built CLI, each with its own staging folder, on one
// task queue and one S3 lake (SeaweedFS): how the lake runs at scale.
const FROM = '2026-10-01T00:00:00Z';
const TO = '2026-10-04T00:00:00Z';
const HOUR = 3_600_000;
const FEED = 'transaction_stream';

let standin: Standin;
let dir: string;
let mysqlUrl: string;
let env: Env;
let connection: Connection;
let client: Client;
const workers: Array<WorkerProcess & { stagingDir: string }> = [];

function startWorker(name: string): WorkerProcess & { stagingDir: string } {
  const stagingDir = join(dir, `${name}-staging`);
  const proc = startWorkerProcess({
    ...(seaweedfsEnv() as Record<string, string>),
    TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS,
    TEMPORAL_TASK_QUEUE: env.TEMPORAL_TASK_QUEUE,
    KSQLDB_URL: env.KSQLDB_URL,
    MYSQL_URL: env.MYSQL_URL,
    LAKE_DIR: env.LAKE_DIR,
    LAKE_STAGING_DIR: stagingDir,
    LAKE_CACHE_DIR: join(dir, `${name}-cache`),
    FEEDS_DIR: env.FEEDS_DIR,
    // One activity at a time per process: the backfill's two concurrent chunks take one each.
    WORKER_MAX_CONCURRENT_ACTIVITIES: '1',
  });
  const worker = { ...proc, stagingDir };
  workers.push(worker);
  return worker;
}

beforeAll(async () => {
  standin = await startStandin({ port: 0, seed: 31, start: FROM, days: 3, rowsPerDay: 2400 });
  dir = await mkdtemp(join(tmpdir(), 'ksql-etl-s3-workers-'));
  // Never created: a stream backfill does not touch the warehouse (the workers' pool is lazy).
  mysqlUrl = testDatabaseUrl('s3workers');
  env = envSchema.parse({
    ...seaweedfsEnv(),
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: `test-s3-workers-${Date.now()}`,
    KSQLDB_URL: standin.url,
    MYSQL_URL: mysqlUrl,
    LAKE_DIR: `s3://${inject('s3Bucket')}/workers-${randomUUID()}`,
    LAKE_STAGING_DIR: join(dir, 'test-staging'),
    LAKE_CACHE_DIR: join(dir, 'test-cache'),
    FEEDS_DIR: join(REPO_ROOT, 'feeds'),
  });
  connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  client = new Client({ connection });
  const started = [startWorker('a'), startWorker('b')];
  await Promise.all(started.map((w) => w.waitForLine((l) => l.msg === 'worker started')));
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await connection?.close();
  await standin?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const sourceRows = (startMs: number, endMs: number) =>
  standin.dataset.transactions.filter((t) => t.timestamp >= startMs && t.timestamp < endMs).length;

describe('two workers, one S3 lake', () => {
  it('share a backfill, survive one of them being killed mid-export, and land every slot exactly once', { timeout: 300_000 }, async () => {
    const feeds = await loadFeeds(env.FEEDS_DIR);
    // The first pull sends 200 rows and then nothing for two minutes: an export caught mid-way.
    standin.faults.add({ fault: 'stall', match: { path: '/query-stream', sqlContains: 'TRANSACTION_STREAM' }, afterRows: 200, stallMs: 120_000, times: 1 });
    const input = backfillInput(getFeed(feeds, FEED), { from: FROM, to: TO, chunk: '1d', concurrency: 2, missingOnly: false }, new Date());
    const backfill = await startBackfill(client, input, env.TEMPORAL_TASK_QUEUE);

    // Both workers take a chunk; the one whose pull stalls is still busy after the other finished.
    const isStart = (l: { msg: string; activityType?: unknown }) => l.msg === 'activity started' && l.activityType === 'exportStreamSlots';
    const isDone = (l: { msg: string; activityType?: unknown }) => l.msg === 'activity completed' && l.activityType === 'exportStreamSlots';
    await Promise.all(workers.map((w) => w.waitForLine(isStart, 120_000)));
    const finisher = await Promise.any(workers.map((w) => w.waitForLine(isDone, 120_000).then(() => w)));
    const victim = workers.find((w) => w !== finisher)!;
    expect(victim.lines.some(isDone)).toBe(false);
    expect((await readdir(victim.stagingDir)).length).toBeGreaterThan(0); // its export is staged, not stored
    victim.proc.kill('SIGKILL');
    expect(await victim.exited).toBeNull(); // killed by the signal, no exit code

    // The survivor takes the killed attempt over once its heartbeat times out (a minute).
    const result = await backfill.result();
    const total = sourceRows(Date.parse(FROM), Date.parse(TO));
    expect(result).toMatchObject({ slotsTotal: 72, slotsDone: 72, slotsFailed: 0, failedChunks: [] });
    expect(result.rows).toBe(total);
    expect(finisher.lines.filter(isDone).length).toBeGreaterThanOrEqual(2);

    const lake = await Lake.fromEnv(env);
    try {
      const meta = await lake.describeFeed(FEED);
      if (meta?.kind !== 'stream') throw new Error('no stream metadata');
      // every slot, with the source's count: no commit lost another's slots
      expect(Object.keys(meta.slots)).toHaveLength(72);
      for (let slot = Date.parse(FROM); slot < Date.parse(TO); slot += HOUR) {
        expect(meta.slots[new Date(slot).toISOString()]?.rows, new Date(slot).toISOString()).toBe(sourceRows(slot, slot + HOUR));
      }
      const [counts] = await lake.query(`SELECT count(*)::INT AS n, count(DISTINCT transaction_id)::INT AS ids FROM ${FEED}`);
      expect(counts).toEqual({ n: total, ids: total });

      // the objects are exactly the files the metadata names, each with the bytes it records
      const store = await openObjectStore(parseLakeLocation(env.LAKE_DIR), seaweedfsSettings());
      try {
        const objects = new Map<string, number>();
        for await (const { key, size } of store.list(`streams/${FEED}/`)) objects.set(key, size);
        const named = Object.values(meta.slots).filter((s) => s.file !== null);
        expect([...objects.keys()].sort()).toEqual([`streams/${FEED}/_metadata.json`, ...named.map((s) => `streams/${FEED}/${s.file}`)].sort());
        for (const slot of named) {
          const head = await store.head(`streams/${FEED}/${slot.file}`);
          expect(head).toMatchObject({ size: slot.bytes, sha256: slot.sha256 });
        }
      } finally {
        store.close();
      }
    } finally {
      lake.close();
    }
  });
});
