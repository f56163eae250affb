import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { readS3Settings, type S3Settings } from '../../config/s3-env.js';
import { SEAWEEDFS_CREDENTIALS, SEAWEEDFS_REGION } from '../../dev/seaweedfs-server.js';
import { Lake, type LakeOptions, type ObjectStore, openObjectStore, parseLakeLocation } from '../../lake/index.js';

/** One empty lake for one test, on some storage, with what a test needs to look at it from outside. */
export interface TestLake {
  /** LAKE_DIR: a folder, or `s3://bucket/prefix` */
  location: string;
  /** the options a worker would pass (S3 settings, its own staging and cache folders) */
  options: LakeOptions;
  /** this lake's staging folder (empty when no export is running) */
  stagingDir: string;
  open(opts?: Pick<LakeOptions, 'staleStagingMs'>): Promise<Lake>;
  /** the lake's objects as local files under one folder, laid out by key, for DuckDB to glob */
  mirror(): Promise<string>;
  /** a raw store on the lake, for tests that list or plant objects */
  store(): Promise<ObjectStore>;
  /** removes the lake and its local folders */
  dispose(): Promise<void>;
}

/** How to make lakes on one storage; suites run once per storage. */
export interface LakeStorageUnderTest {
  name: string;
  create(): Promise<TestLake>;
  withLake<T>(fn: (lake: TestLake) => Promise<T>): Promise<T>;
}

function storageUnderTest(name: string, create: () => Promise<TestLake>): LakeStorageUnderTest {
  return {
    name,
    create,
    async withLake(fn) {
      const lake = await create();
      try {
        return await fn(lake);
      } finally {
        await lake.dispose();
      }
    },
  };
}

/** A lake in a temp folder, staging in its own `_staging` (the default). */
export const localStorage = storageUnderTest('a local folder', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ksql-etl-lake-'));
  const root = join(dir, 'lake');
  return {
    location: root,
    options: {},
    stagingDir: join(root, '_staging'),
    open: (opts) => Lake.open(root, opts),
    mirror: async () => root,
    store: () => openObjectStore(parseLakeLocation(root), readS3Settings({})),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
});

/** The S3 settings a worker would read for the tier's SeaweedFS (only inside the `s3` project). */
export function seaweedfsSettings(): S3Settings {
  return readS3Settings(seaweedfsEnv());
}

export function seaweedfsEnv(): NodeJS.ProcessEnv {
  return {
    AWS_ENDPOINT_URL: inject('s3Endpoint'),
    AWS_REGION: SEAWEEDFS_REGION,
    AWS_ACCESS_KEY_ID: SEAWEEDFS_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: SEAWEEDFS_CREDENTIALS.secretAccessKey,
  };
}

/** A lake under a fresh prefix of the tier's SeaweedFS bucket, staging and cache in a temp folder. */
export const s3Storage = storageUnderTest('S3 (SeaweedFS)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ksql-etl-s3-lake-'));
  const location = `s3://${inject('s3Bucket')}/lake-${randomUUID()}`;
  const options: LakeOptions = { s3: seaweedfsSettings(), stagingDir: join(dir, 'staging'), cacheDir: join(dir, 'cache') };
  const store = () => openObjectStore(parseLakeLocation(location), seaweedfsSettings());
  return {
    location,
    options,
    stagingDir: join(dir, 'staging'),
    open: (opts) => Lake.open(location, { ...options, ...opts }),
    mirror: async () => {
      const target = join(dir, `mirror-${randomUUID()}`);
      const raw = await store();
      try {
        for await (const { key } of raw.list('')) await raw.getToFile(key, join(target, ...key.split('/')));
      } finally {
        raw.close();
      }
      return target;
    },
    store,
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
});
