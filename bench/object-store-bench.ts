import { randomBytes } from 'node:crypto';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { startBenchSeaweedfs } from './bench-seaweedfs.js';
import { describeFile, type ObjectStore, openObjectStore } from '../lake/index.js';
import type { BenchResult } from './bench-result.js';

const COMMITS_PER_WRITER = Number(process.env.BENCH_CAS_COMMITS ?? 100);
const UPLOAD_MB = Number(process.env.BENCH_UPLOAD_MB ?? 100);

/**
 * The lake on S3 against the lake on a local disk, both measured in this run on a local SeaweedFS:
 * metadata commits per second with two writers racing on one key, and MB/s putting one large
 * file (checked put on S3 against a plain local file copy).
 */
export async function benchObjectStore(): Promise<BenchResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'ksql-etl-bench-s3-'));
  const { server, s3 } = await startBenchSeaweedfs(dir, 'ksql-etl-bench');
  const openS3 = () => openObjectStore({ kind: 's3', bucket: server.bucket, prefix: 'bench' }, s3);
  const openLocal = () => openObjectStore({ kind: 'local', root: join(dir, 'lake') }, s3);
  try {
    const local = await commitRate(await Promise.all([openLocal(), openLocal()]));
    const remote = await commitRate(await Promise.all([openS3(), openS3()]));
    console.log(`\nmetadata commits, 2 writers × ${COMMITS_PER_WRITER} on one key (compare-and-swap)`);
    console.log(`  baseline  local folder (lock file + rename)   ${local.perSecond.toFixed(0)} commits/s`);
    console.log(`  S3        SeaweedFS (If-Match, 412 → retry)   ${remote.perSecond.toFixed(0)} commits/s, ${remote.retries} retries`);

    const file = join(dir, 'upload.bin');
    await writeFile(file, randomBytes(UPLOAD_MB * 1024 * 1024));
    const expect = await describeFile(file);
    let began = performance.now();
    await copyFile(file, join(dir, 'copy.bin'));
    const copyMbps = UPLOAD_MB / ((performance.now() - began) / 1000);
    const store = await openS3();
    began = performance.now();
    await store.put('upload.bin', file, expect);
    const putMbps = UPLOAD_MB / ((performance.now() - began) / 1000);
    store.close();
    console.log(`\nupload of a ${UPLOAD_MB} MB file`);
    console.log(`  baseline  local file copy                       ${copyMbps.toFixed(0)} MB/s`);
    console.log(`  S3        checked multipart put to SeaweedFS    ${putMbps.toFixed(0)} MB/s  (ratio ${(putMbps / copyMbps).toFixed(2)})`);

    const results: BenchResult[] = [
      { name: 'object store: metadata commits, 2 concurrent writers, S3 vs local', value: remote.perSecond, unit: 'commits/s', baseline: local.perSecond, ratio: remote.perSecond / local.perSecond },
      { name: `object store: ${UPLOAD_MB} MB upload, S3 put vs local copy`, value: putMbps, unit: 'MB/s', baseline: copyMbps, ratio: putMbps / copyMbps },
    ];
    return results;
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Both writers commit COMMITS_PER_WRITER times to one key as fast as they can; every commit must land. */
async function commitRate(writers: ObjectStore[]): Promise<{ perSecond: number; retries: number }> {
  const key = 'streams/bench/_metadata.json';
  let retries = 0;
  const began = performance.now();
  await Promise.all(
    writers.map(async (writer, w) => {
      for (let i = 0; i < COMMITS_PER_WRITER; i++) {
        const outcome = await writer.compareAndSwap(key, (current) => {
          const slots = current === null ? {} : (JSON.parse(current) as Record<string, number>);
          return { next: JSON.stringify({ ...slots, [`w${w}-${i}`]: i }), result: undefined };
        });
        retries += outcome.retries;
      }
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  const recorded = Object.keys(JSON.parse(await text(await writers[0]!.get(key))) as object).length;
  for (const writer of writers) writer.close();
  if (recorded !== 2 * COMMITS_PER_WRITER) throw new Error(`bench lost commits: ${recorded} of ${2 * COMMITS_PER_WRITER} recorded`);
  return { perSecond: (2 * COMMITS_PER_WRITER) / seconds, retries };
}
