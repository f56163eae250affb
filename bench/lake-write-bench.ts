import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DuckDBInstance, quotedIdentifier, quotedString } from '@duckdb/node-api';
import { streamFeedSchema } from '../config/feed-schema.js';
import { slotRange } from '../config/slot-range.js';
import { parseKsqlType } from '../ksqldb/ksql-type.js';
import { containerSpec, duckDbType, Lake, PARQUET_OPTIONS, type StreamColumns, toStreamColumns } from '../lake/index.js';
import { startStandin } from '../standin/start-standin.js';
import { result, type BenchResult } from './bench-result.js';
import { captureWire, capturedLines, rangeQuery } from './wire-capture.js';

export const DAY = '2026-11-24T00:00:00Z';
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * The lake write alone: a day of `transaction_stream` rows, as the stand-in serves them (captured
 * once over HTTP), into 24 hourly slot files, against DuckDB reading the same wire lines natively
 * into the same hourly partitioned Parquet in the same run. The difference is what ksql-etl adds:
 * routing lines to slots, the exact checks, sorting each slot, checksums, publishing, metadata.
 */
export async function benchLakeWrite(rows: number): Promise<BenchResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'ksql-etl-bench-lake-'));
  try {
    const startMs = Date.parse(DAY);
    const { body, columns } = await captureDay(dir, rows);
    const rowsFile = join(dir, 'rows.ndjson');
    await pipeline(createReadStream(body), dropFirstLine(), createWriteStream(rowsFile));

    const nativeSeconds = await timed(() => duckDbNative(rowsFile, columns, join(dir, 'native')));
    const lake = await Lake.open(join(dir, 'lake'));
    const feed = streamFeedSchema.parse({ id: 'bench_stream', kind: 'stream', source: 'TRANSACTION_STREAM', slot: '1h' });
    let written = 0;
    const lakeSeconds = await timed(async () => {
      const range = slotRange(feed, DAY, new Date(startMs + DAY_MS).toISOString());
      const out = await lake.writeStreamSlots({ feed, range, columns, rows: capturedLines(body), runId: 'bench' });
      written = out.rows;
      if (out.files.length !== 24) throw new Error(`bench wrote ${out.files.length} slot files, expected 24`);
    }).finally(() => lake.close());
    if (written !== rows) throw new Error(`bench wrote ${written} rows, expected ${rows}`);
    return [result(`lake write: ${rows} wire rows into 24 slot files, rows/s vs DuckDB reading the same lines natively (target ratio >= 0.8)`, rows / lakeSeconds, 'rows/s', rows / nativeSeconds)];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A day of `transaction_stream` (`rows` rows) as the stand-in serves it, captured once over HTTP
 * into `<dir>/body.txt`, with the stream columns its header announces.
 */
export async function captureDay(dir: string, rows: number): Promise<{ body: string; columns: StreamColumns }> {
  const standin = await startStandin({ start: DAY, days: 1, rowsPerDay: rows });
  try {
    const startMs = Date.parse(DAY);
    const body = join(dir, 'body.txt');
    await captureWire(standin.url, rangeQuery('TRANSACTION_STREAM', startMs, startMs + DAY_MS), body);
    const header = JSON.parse((await firstLine(body))) as { columnNames: string[]; columnTypes: string[] };
    return { body, columns: toStreamColumns(header.columnNames.map((name, i) => ({ name, type: parseKsqlType(header.columnTypes[i]!) }))) };
  } finally {
    await standin.close();
  }
}

/** DuckDB alone, all memory and every core it wants: wire lines (JSON arrays) → typed columns → Parquet partitioned by hour. */
async function duckDbNative(rowsFile: string, columns: StreamColumns, out: string): Promise<void> {
  const duckdb = await DuckDBInstance.create(':memory:', { threads: String(availableParallelism()) });
  const connection = await duckdb.connect();
  try {
    const select = columns.map((c, i) => {
      const v = `v[${i + 1}]`;
      const spec = containerSpec(c.type);
      const value = i === 0 ? `make_timestamp(CAST(${v} AS BIGINT) * 1000)`
        : spec ? `CAST(json_transform(${v}, ${quotedString(spec)}) AS ${duckDbType(c.type)})`
        : c.type.kind === 'scalar' && c.type.name === 'STRING' ? `${v}->>'$'`
        : `CAST(${v} AS ${duckDbType(c.type)})`;
      return `${value} AS ${quotedIdentifier(c.name)}`;
    }).join(', ');
    await connection.run(
      `COPY (SELECT *, strftime(rowtime, '%Y-%m-%d') AS date, (epoch_ms(rowtime) // ${HOUR_MS}) * ${HOUR_MS} AS slot
               FROM (SELECT ${select} FROM read_json(${quotedString(rowsFile)}, format = 'newline_delimited', records = false, columns = {'v': 'JSON[]'})))
         TO ${quotedString(out)} (${PARQUET_OPTIONS}, PARTITION_BY (date, slot))`,
    );
  } finally {
    connection.closeSync();
    duckdb.closeSync();
  }
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const began = performance.now();
  await fn();
  return (performance.now() - began) / 1000;
}

async function firstLine(file: string): Promise<string> {
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 })) {
    return (chunk as string).split('\n', 1)[0]!;
  }
  throw new Error(`${file} is empty`);
}

function dropFirstLine(): Transform {
  let dropping = true;
  return new Transform({
    transform(chunk: Buffer, _, done) {
      if (!dropping) return done(null, chunk);
      const end = chunk.indexOf(0x0a);
      if (end === -1) return done();
      dropping = false;
      done(null, chunk.subarray(end + 1));
    },
  });
}
