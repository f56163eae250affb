import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamFeedSchema } from '../config/feed-schema.js';
import { slotRange } from '../config/slot-range.js';
import { Lake, type LakeOptions, type StreamColumns } from '../lake/index.js';
import { result, type BenchResult } from './bench-result.js';
import { startBenchSeaweedfs } from './bench-seaweedfs.js';
import { captureDay, DAY } from './lake-write-bench.js';
import { capturedLines } from './wire-capture.js';

const ROWS = Number(process.env.BENCH_S3_ROWS ?? 200_000);

/**
 * The stream export through the lake API (route, check, COPY, store, commit) of a day of
 * `transaction_stream` wire rows into 24 hourly slots: to an S3 lake on a local SeaweedFS against a
 * lake in a local folder, in the same run. Each is read back with a query, so neither figure
 * includes a shortcut. BENCH_S3_ROWS (default 200,000; 1000000 for the large run).
 */
export async function benchLakeOnS3(): Promise<BenchResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'ksql-etl-bench-lake-s3-'));
  const { server, s3 } = await startBenchSeaweedfs(dir, 'ksql-etl-bench-lake');
  try {
    const { body, columns } = await captureDay(dir, ROWS);
    const s3Options = (name: string): LakeOptions => ({ s3, stagingDir: join(dir, `${name}-staging`), cacheDir: join(dir, `${name}-cache`) });
    // Warm-up on each storage (DuckDB, the S3 client's connections), not timed.
    await exportDay(join(dir, 'warm-lake'), {}, body, columns);
    await exportDay(`s3://${server.bucket}/warm`, s3Options('warm'), body, columns);
    const local = await exportDay(join(dir, 'lake'), {}, body, columns);
    const remote = await exportDay(`s3://${server.bucket}/lake`, s3Options('lake'), body, columns);
    return [result(`lake stream export: ${ROWS} rows into 24 slot files, seconds on S3 (SeaweedFS) vs a local folder (target ratio <= 1.3)`, remote, 's', local)];
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Seconds to export the captured day into the lake at `location`, checked by a query. */
async function exportDay(location: string, options: LakeOptions, body: string, columns: StreamColumns): Promise<number> {
  const lake = await Lake.open(location, options);
  try {
    const feed = streamFeedSchema.parse({ id: 'bench_stream', kind: 'stream', source: 'TRANSACTION_STREAM', slot: '1h' });
    const range = slotRange(feed, DAY, new Date(Date.parse(DAY) + 86_400_000).toISOString());
    const began = performance.now();
    await lake.writeStreamSlots({ feed, range, columns, rows: capturedLines(body), runId: 'bench' });
    const seconds = (performance.now() - began) / 1000;
    const [read] = await lake.query('SELECT count(*)::INT AS n FROM bench_stream');
    if (read?.n !== ROWS) throw new Error(`bench: ${location} holds ${String(read?.n)} rows, expected ${ROWS}`);
    return seconds;
  } finally {
    lake.close();
  }
}
