import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { PutObjectCommand, S3Client, type S3ServiceException } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readS3Settings } from '../../config/s3-env.js';
import { SEAWEEDFS_CREDENTIALS, SEAWEEDFS_REGION } from '../../dev/seaweedfs-server.js';
import { describeFile, ObjectChecksumError, type ObjectStore, openObjectStore, parseLakeLocation } from '../../lake/index.js';

const MB = 1024 * 1024;
const PART = 5 * MB;

/** The environment a worker would have for this server, through the same parsing. */
function s3Env(): NodeJS.ProcessEnv {
  return { AWS_ENDPOINT_URL: inject('s3Endpoint'), AWS_REGION: SEAWEEDFS_REGION, ...toEnv(SEAWEEDFS_CREDENTIALS) };
}
function toEnv(c: { accessKeyId: string; secretAccessKey: string }): NodeJS.ProcessEnv {
  return { AWS_ACCESS_KEY_ID: c.accessKeyId, AWS_SECRET_ACCESS_KEY: c.secretAccessKey };
}

/** A store on each storage: a temp folder, and a fresh prefix in the SeaweedFS bucket. */
const STORAGES: Array<{ name: string; location: (dir: string) => string }> = [
  { name: 'local folder', location: (dir) => join(dir, 'lake') },
  { name: 'S3 (SeaweedFS)', location: () => `s3://${inject('s3Bucket')}/lake-${randomUUID()}` },
];

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const open = (location: string) => openObjectStore(parseLakeLocation(location), readS3Settings(s3Env()), { partSize: PART });

async function keys(store: ObjectStore, prefix: string): Promise<string[]> {
  const found: string[] = [];
  for await (const info of store.list(prefix)) found.push(info.key);
  return found;
}

describe.each(STORAGES)('object store on $name', ({ name, location }) => {
  let dir: string;
  let store: ObjectStore;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ksql-etl-object-store-'));
    store = await open(location(dir));
  });
  afterAll(async () => {
    store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('puts, heads, gets, lists and deletes a multipart-sized object', async () => {
    const bytes = randomBytes(12 * MB);
    const file = join(dir, 'big.bin');
    await writeFile(file, bytes);
    const expect12 = await describeFile(file);
    expect(expect12).toEqual({ size: bytes.length, sha256: sha256(bytes) });

    const put = await store.put('streams/f/date=2026-01-01/f__1.parquet', file, expect12);
    expect(put).toMatchObject({ key: 'streams/f/date=2026-01-01/f__1.parquet', size: bytes.length, sha256: expect12.sha256 });
    const small = Buffer.from('{"hello":"lake"}\n');
    await store.put('streams/f/_metadata.json', Readable.from([small]), { size: small.length, sha256: sha256(small) });

    expect((await store.head('streams/f/date=2026-01-01/f__1.parquet'))?.size).toBe(bytes.length);
    expect(await store.head('streams/f/nothing.parquet')).toBeNull();
    expect(sha256(await buffer(await store.get('streams/f/date=2026-01-01/f__1.parquet')))).toBe(expect12.sha256);
    const copy = join(dir, 'cache', 'copy.bin');
    await store.getToFile('streams/f/date=2026-01-01/f__1.parquet', copy);
    expect(sha256(await readFile(copy))).toBe(expect12.sha256);

    expect(await keys(store, 'streams/f/')).toEqual(['streams/f/_metadata.json', 'streams/f/date=2026-01-01/f__1.parquet']);
    expect(await keys(store, 'streams/f/date=')).toEqual(['streams/f/date=2026-01-01/f__1.parquet']);
    await store.delete(['streams/f/_metadata.json', 'streams/f/date=2026-01-01/f__1.parquet', 'streams/f/never-was']);
    expect(await keys(store, 'streams/')).toEqual([]);
    await expect(store.get('streams/f/_metadata.json')).rejects.toThrow(/no such object/);
  });

  it('refuses bytes that do not match their checksum and keeps what was there', async () => {
    const good = randomBytes(1000);
    await store.put('tables/t/version=1/part.parquet', Readable.from([good]), { size: good.length, sha256: sha256(good) });

    const bad = Buffer.from(good);
    bad[500] = bad[500]! ^ 0xff; // one flipped byte on the way
    await expect(store.put('tables/t/version=1/part.parquet', Readable.from([bad]), { size: good.length, sha256: sha256(good) })).rejects.toThrow(ObjectChecksumError);
    expect(sha256(await buffer(await store.get('tables/t/version=1/part.parquet')))).toBe(sha256(good));

    // multipart-sized, wrong expected checksum: no object appears at all
    const big = randomBytes(11 * MB);
    const wrong = { size: big.length, sha256: sha256(Buffer.from('something else')) };
    await expect(store.put('tables/t/version=2/part.parquet', Readable.from([big.subarray(0, 6 * MB), big.subarray(6 * MB)]), wrong)).rejects.toThrow(ObjectChecksumError);
    // and a short stream is caught by its size
    await expect(store.put('tables/t/version=2/part.parquet', Readable.from([big.subarray(0, MB)]), { size: big.length, sha256: sha256(big) })).rejects.toThrow(/bytes/);
    expect(await store.head('tables/t/version=2/part.parquet')).toBeNull();
    expect(await keys(store, 'tables/t/')).toEqual(['tables/t/version=1/part.parquet']);
  });

  it('two writers committing to one key at the same moment, 50 times: no update is lost', async () => {
    // Two stores, as two workers would have: separate clients, separate connections.
    const writers = [store, await open(store.location)];
    const key = 'streams/shared/_metadata.json';
    let retries = 0;
    try {
      for (let round = 0; round < 50; round++) {
        const outcomes = await Promise.all(
          writers.map((writer, w) =>
            writer.compareAndSwap(key, (current) => {
              const slots = current === null ? {} : (JSON.parse(current) as Record<string, number>);
              const slot = `writer${w}-round${round}`;
              return { next: JSON.stringify({ ...slots, [slot]: round }), result: slot };
            }),
          ),
        );
        expect(outcomes.map((o) => o.result)).toEqual([`writer0-round${round}`, `writer1-round${round}`]);
        retries += outcomes.reduce((sum, o) => sum + o.retries, 0);
      }
    } finally {
      writers[1]!.close();
    }
    const final = JSON.parse((await buffer(await store.get(key))).toString('utf8')) as Record<string, number>;
    expect(Object.keys(final)).toHaveLength(100);
    for (let round = 0; round < 50; round++) expect([final[`writer0-round${round}`], final[`writer1-round${round}`]]).toEqual([round, round]);
    console.log(`[object-store] ${name}: 100 concurrent commits, ${retries} compare-and-swap retries`);
    // The local store serialises writers with its lock; on S3 the writers really raced and lost rounds.
    if (name.startsWith('local')) expect(retries).toBe(0);
    else expect(retries).toBeGreaterThan(0);
  });

  it('refuses keys that could leave the root', async () => {
    for (const key of ['../x', '/abs', 'a//b', 'a/./b', '.hidden', '']) {
      await expect(store.head(key)).rejects.toThrow(/Not a lake object key/);
    }
  });
});

describe('SeaweedFS conditional writes (what compare-and-swap relies on)', () => {
  let client: S3Client;
  const bucket = () => inject('s3Bucket');
  beforeAll(() => {
    client = new S3Client({ endpoint: inject('s3Endpoint'), region: SEAWEEDFS_REGION, credentials: SEAWEEDFS_CREDENTIALS, forcePathStyle: true });
  });
  afterAll(() => client.destroy());

  const status = (promise: Promise<unknown>) =>
    promise.then(
      () => 200,
      (err: S3ServiceException) => err.$metadata?.httpStatusCode,
    );

  it('answers 412 to If-None-Match: * on an existing key and to a stale If-Match', async () => {
    const Key = `conditional-${randomUUID()}.json`;
    expect(await status(client.send(new PutObjectCommand({ Bucket: bucket(), Key, Body: 'v1', IfNoneMatch: '*' })))).toBe(200);
    expect(await status(client.send(new PutObjectCommand({ Bucket: bucket(), Key, Body: 'v1 again', IfNoneMatch: '*' })))).toBe(412);

    const first = await client.send(new PutObjectCommand({ Bucket: bucket(), Key, Body: 'v2' }));
    const second = await client.send(new PutObjectCommand({ Bucket: bucket(), Key, Body: 'v3', IfMatch: first.ETag }));
    expect(second.ETag).not.toBe(first.ETag);
    expect(await status(client.send(new PutObjectCommand({ Bucket: bucket(), Key, Body: 'v4', IfMatch: first.ETag })))).toBe(412);
    expect(await status(client.send(new PutObjectCommand({ Bucket: bucket(), Key, Body: 'v4', IfMatch: second.ETag })))).toBe(200);
  });
});
