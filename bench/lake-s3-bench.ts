import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamFeedSchema } from '../config/feed-schema.js';
import { generateTransactions } from '../generator/index.js';
import { Lake, type LakeOptions } from '../lake/lake.js';
import { startBenchSeaweedfs } from './bench-seaweedfs.js';
import { COLUMNS, DAY, dayRange, wireLine, wireRows } from './lake-write-bench.js';
import { recordResults, type BenchResult } from './record-result.js';

const ROWS = Number(process.env.BENCH_S3_ROWS ?? 200_000);
/** What the S3 lake may cost over the local one for the same export. */
const TARGET_RATIO = 1.3;

/**
 * The stream export through the lake API (parse, check, stage, COPY, store, commit) of one day of
 * generated transactions into 24 hourly slots: to an S3 lake on a local SeaweedFS against a lake
 * in a local folder, in the same run. Each is read back with a query, so the S3 figure includes
 * nothing it skipped. BENCH_S3_ROWS=1000000 for the large run.
 */
export async function benchLakeOnS3(): Promise<BenchResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'ksql-etl-bench-lake-s3-'));
  const { server, s3 } = await startBenchSeaweedfs(dir, 'ksql-etl-bench-lake');
  try {
    const lines = generateTransactions({ seed: 2, start: DAY, days: 1, rowsPerDay: ROWS }).map(wireLine);
    // Warm-up on each storage (DuckDB, the S3 client's connections), not timed.
    const warm = lines.slice(0, 2000);
    await exportDay(join(dir, 'warm-lake'), {}, warm);
    await exportDay(`s3://${server.bucket}/warm`, { s3, stagingDir: join(dir, 'warm-staging'), cacheDir: join(dir, 'warm-cache') }, warm);

    const local = await exportDay(join(dir, 'lake'), {}, lines);
    const remote = await exportDay(`s3://${server.bucket}/lake`, { s3, stagingDir: join(dir, 'staging'), cacheDir: join(dir, 'cache') }, lines);
    const ratio = remote / local;
    const rate = (seconds: number) => `${Math.round(ROWS / seconds / 1000)}k rows/s`;
    console.log(`\nstream export through the lake API, ${ROWS} rows into 24 hourly slots (BENCH_S3_ROWS)`);
    console.log(`  baseline  lake in a local folder (rename, lock file)         ${local.toFixed(2)} s  ${rate(local)}`);
    console.log(`  S3        lake on SeaweedFS (checked PUTs, If-Match commit)  ${remote.toFixed(2)} s  ${rate(remote)}`);
    console.log(`  ratio S3 / local: ${ratio.toFixed(2)}x (target ≤ ${TARGET_RATIO})`);
    const results: BenchResult[] = [
      { name: `lake stream export ${ROWS} rows, S3 (SeaweedFS) vs local folder (time)`, value: remote, unit: 's', baseline: local, ratio },
    ];
    await recordResults(results);
    return results;
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Seconds to export `lines` as one day of a stream feed into the lake at `location`, checked by a query. */
async function exportDay(location: string, options: LakeOptions, lines: readonly string[]): Promise<number> {
  const lake = await Lake.open(location, options);
  try {
    const feed = streamFeedSchema.parse({ id: 'bench_stream', kind: 'stream', source: 'BENCH', slot: '1h' });
    const began = performance.now();
    await lake.writeStreamSlots({ feed, range: dayRange(feed), columns: COLUMNS, rows: wireRows(lines), runId: `bench-${lines.length}` });
    const seconds = (performance.now() - began) / 1000;
    const [read] = await lake.query('SELECT count(*)::INT AS n FROM bench_stream');
    if (read?.n !== lines.length) throw new Error(`bench: ${location} holds ${String(read?.n)} rows, expected ${lines.length}`);
    return seconds;
  } finally {
    lake.close();
  }
}
