import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { ActivityFailure, WorkflowFailedError } from '@temporalio/client';
import { RetryState } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CheckResult } from '../../client/doctor/check-result.js';
import { startExport } from '../../client/run/start-export.js';
import { readS3Settings } from '../../config/s3-env.js';
import { getFeed } from '../../config/load-feeds.js';
import { SEAWEEDFS_CREDENTIALS, SEAWEEDFS_READ_ONLY_CREDENTIALS, SEAWEEDFS_REGION } from '../../dev/seaweedfs-server.js';
import { openObjectStore, parseLakeLocation, putText } from '../../lake/index.js';
import { CLI_JS } from '../helpers/build-cli.js';
import { startHarness, type Harness } from '../helpers/etl-harness.js';
import { streamRange } from '../helpers/stream-range.js';
import { startWorkerProcess, type WorkerProcess } from '../helpers/worker-process.js';

// What a person sees when the S3 settings are wrong: SeaweedFS accepts only its configured
// identities, so a wrong key, a wrong secret and a key without write permission are refused as by
// AWS, and each failure must be terminal, name the endpoint, the bucket and the variable to fix,
// and never carry the secret.

const WRONG_SECRET = 'not-the-Secret-42';
const CASES = [
  { name: 'an unknown access key', credentials: { accessKeyId: 'nobody-here', secretAccessKey: WRONG_SECRET }, code: 'InvalidAccessKeyId', names: 'AWS_ACCESS_KEY_ID' },
  { name: 'a wrong secret', credentials: { accessKeyId: SEAWEEDFS_CREDENTIALS.accessKeyId, secretAccessKey: WRONG_SECRET }, code: 'SignatureDoesNotMatch', names: 'AWS_SECRET_ACCESS_KEY' },
  { name: 'a key that may only read', credentials: SEAWEEDFS_READ_ONLY_CREDENTIALS, code: 'AccessDenied', names: 'AWS_ACCESS_KEY_ID' },
] as const;

const s3Env = (credentials: { accessKeyId: string; secretAccessKey: string }): Record<string, string> => ({
  AWS_ENDPOINT_URL_S3: inject('s3Endpoint'),
  AWS_REGION: SEAWEEDFS_REGION,
  AWS_ACCESS_KEY_ID: credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
});
const lakeUrl = () => `s3://${inject('s3Bucket')}/errors-${randomUUID()}`;

describe.each(CASES)('an S3 lake reached with $name', ({ credentials, code, names }) => {
  it(`fails a write terminally (${code}), naming the endpoint, the bucket and ${names}, without the secret`, async () => {
    const store = await openObjectStore(parseLakeLocation(lakeUrl()), readS3Settings(s3Env(credentials)));
    try {
      const err = (await putText(store, 'probe/x', 'x').then(() => null, (e: unknown) => e)) as Error & { retryable?: boolean };
      expect(err).toBeInstanceOf(Error);
      expect(err).toMatchObject({ name: 'ObjectStoreAccessError', retryable: false });
      expect(err.message).toContain(code);
      expect(err.message).toContain(inject('s3Endpoint'));
      expect(err.message).toContain(inject('s3Bucket'));
      expect(err.message).toContain(names);
      expect(err.message).not.toContain(credentials.secretAccessKey);
    } finally {
      store.close();
    }
  });
});

describe('a worker and doctor with a wrong S3 key', () => {
  let h: Harness;
  let worker: WorkerProcess;
  const taskQueue = `test-s3-errors-${randomUUID()}`;
  const bad = CASES[0].credentials;
  let lake: string;

  beforeAll(async () => {
    h = await startHarness({ name: 's3errors', dataset: { seed: 12, start: '2026-05-01T00:00:00Z', days: 1, rowsPerDay: 240 } });
    lake = lakeUrl();
    worker = startWorkerProcess({
      ...s3Env(bad),
      TEMPORAL_ADDRESS: h.env.TEMPORAL_ADDRESS,
      TEMPORAL_TASK_QUEUE: taskQueue,
      KSQLDB_URL: h.env.KSQLDB_URL,
      MYSQL_URL: h.env.MYSQL_URL,
      LAKE_DIR: lake,
      FEEDS_DIR: h.env.FEEDS_DIR,
    });
    await worker.waitForLine((l) => l.msg === 'worker started');
  });
  afterAll(async () => {
    await worker?.stop();
    await h?.stop();
  });

  it('an export fails on its first attempt with the message that names the setting', async () => {
    const feed = getFeed(h.deps.feeds, 'transaction_stream');
    const started = await startExport(h.client, feed, { range: streamRange(feed, '2026-05-01T03:00:00Z'), taskQueue });
    const err = await started.handle.result().then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const activity = (err as WorkflowFailedError).cause;
    expect(activity).toBeInstanceOf(ActivityFailure);
    // NON_RETRYABLE_FAILURE: Temporal stopped after the attempt that failed, the first
    expect((activity as ActivityFailure).retryState).toBe(RetryState.NON_RETRYABLE_FAILURE);
    const failure = (activity as ActivityFailure).cause as Error & { type?: string };
    expect(failure.type).toBe('ObjectStoreAccessError');
    expect(failure.message).toContain('InvalidAccessKeyId');
    expect(failure.message).toContain('AWS_ACCESS_KEY_ID');
    expect(failure.message).toContain(inject('s3Endpoint'));
    const history = await started.handle.fetchHistory();
    const scheduled = history.events?.filter((e) => e.activityTaskStartedEventAttributes) ?? [];
    expect(scheduled.map((e) => e.activityTaskStartedEventAttributes?.attempt)).toEqual([1]);
    expect(JSON.stringify(history)).not.toContain(bad.secretAccessKey);
  });

  it('doctor fails the lake check fast, naming the key variable, and never prints the secret', async () => {
    const began = Date.now();
    const env = { PATH: process.env.PATH ?? '', ...s3Env(bad), TEMPORAL_ADDRESS: h.env.TEMPORAL_ADDRESS, TEMPORAL_TASK_QUEUE: taskQueue, KSQLDB_URL: h.env.KSQLDB_URL, MYSQL_URL: h.env.MYSQL_URL, LAKE_DIR: lake, FEEDS_DIR: h.env.FEEDS_DIR };
    const run = await promisify(execFile)(process.execPath, [CLI_JS, 'doctor', '--json'], { env, timeout: 30_000 }).then(
      (out) => ({ code: 0, ...out }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(Date.now() - began).toBeLessThan(15_000);
    expect(run.code, run.stderr).toBe(1);
    const results = JSON.parse(run.stdout) as CheckResult[];
    const check = results.find((r) => r.check === 'lake: writable');
    expect(check).toMatchObject({ status: 'failed' });
    expect(check?.detail).toContain('AWS_ACCESS_KEY_ID');
    expect(check?.detail).toContain('InvalidAccessKeyId');
    expect(run.stdout + run.stderr).not.toContain(bad.secretAccessKey);
  });
});
