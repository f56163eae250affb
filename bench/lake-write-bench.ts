import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, quotedString } from '@duckdb/node-api';
import { parse } from 'lossless-json';
import { streamFeedSchema, type StreamFeed } from '../config/feed-schema.js';
import { slotRange, type SlotRange } from '../config/slot-range.js';
import { generateTransactions, type Transaction } from '../generator/index.js';
import { parseKsqlType } from '../ksqldb/ksql-type.js';
import { lakeSelectList, PARQUET_OPTIONS, readStagedJson } from '../lake/duckdb-sql.js';
import { Lake } from '../lake/lake.js';
import { encodeRow, toStreamColumns } from '../lake/row-encoder.js';
import type { SourceRow } from '../lake/source-row.js';

export const DAY = '2026-01-01T00:00:00Z';
export const COLUMNS = toStreamColumns(
  [
    ['ROWTIME', 'BIGINT'], ['TRANSACTION_ID', 'STRING'], ['USER_ID', 'STRING'], ['AMOUNT', 'DOUBLE'], ['CURRENCY', 'STRING'],
    ['PAYMENT_METHOD', 'STRING'], ['CARD_NUMBER', 'STRING'], ['IP_ADDRESS', 'STRING'],
    ['PRODUCTS', 'ARRAY<STRUCT<`PRODUCT_ID` STRING, `NAME` STRING, `CATEGORY` STRING, `QUANTITY` INTEGER, `UNIT_PRICE` DOUBLE>>'],
    ['TIMESTAMP', 'BIGINT'],
  ].map(([name, type]) => ({ name: name!, type: parseKsqlType(type!) })),
);

/** One row as its wire text, the way ksqlDB sends it in a delimited body. */
export function wireLine(t: Transaction): string {
  const products = t.products.map((p) => ({ PRODUCT_ID: p.product_id, NAME: p.name, CATEGORY: p.category, QUANTITY: p.quantity, UNIT_PRICE: p.unit_price }));
  return JSON.stringify([t.timestamp, t.transaction_id, t.user_id, t.amount, t.currency, t.payment_method, t.card_number, t.ip_address, products, t.timestamp]);
}

export async function* wireRows(lines: readonly string[]): AsyncGenerator<SourceRow> {
  for (const line of lines) yield { kind: 'row', values: parse(line) as unknown[] };
}

export interface LakeWriteResult {
  rows: number;
  baselineSeconds: number;
  pipelineSeconds: number;
}

/**
 * Times the lake write path on `rows` transactions against a baseline measured in the same run:
 * DuckDB alone turning the same rows, already prepared as NDJSON, into the same partitioned
 * Parquet. The difference is what ksql-etl adds: parsing, checking each value, staging, publishing.
 */
export async function benchLakeWrite(rows: number): Promise<LakeWriteResult> {
  const lines = generateTransactions({ seed: 1, start: DAY, days: 1, rowsPerDay: rows }).map(wireLine);
  const root = await mkdtemp(join(tmpdir(), 'ksql-etl-bench-'));
  const lake = await Lake.open(root);
  try {
    const prepared = join(root, 'prepared.ndjson');
    await writeFile(prepared, lines.map((l) => (encodeRow(COLUMNS, parse(l) as unknown[]) as { json: string }).json).join('\n'));
    // The baseline gets a DuckDB of its own: the lake keeps its instance to itself.
    const duckdb = await DuckDBInstance.create(':memory:');
    const connection = await duckdb.connect();
    let began = performance.now();
    await connection.run(
      `COPY (SELECT *, strftime(rowtime, '%Y-%m-%d') AS date, (epoch_ms(rowtime) // 3600000) * 3600000 AS slot
               FROM (SELECT ${lakeSelectList(COLUMNS, { rowtimeColumn: 'rowtime' })} FROM ${readStagedJson(prepared, COLUMNS)}) ORDER BY ALL)
         TO ${quotedString(join(root, 'baseline'))} (${PARQUET_OPTIONS}, PARTITION_BY (date, slot))`,
    );
    const baselineSeconds = (performance.now() - began) / 1000;
    connection.closeSync();
    duckdb.closeSync();

    const feed = streamFeedSchema.parse({ id: 'bench_stream', kind: 'stream', source: 'BENCH', slot: '1h' });
    began = performance.now();
    const result = await lake.writeStreamSlots({ feed, range: dayRange(feed), columns: COLUMNS, rows: wireRows(lines), runId: 'bench' });
    const pipelineSeconds = (performance.now() - began) / 1000;
    if (result.rows !== rows) throw new Error(`bench wrote ${result.rows} rows, expected ${rows}`);
    return { rows, baselineSeconds, pipelineSeconds };
  } finally {
    lake.close();
    await rm(root, { recursive: true, force: true });
  }
}

/** Every slot of the bench's day. */
export function dayRange(feed: StreamFeed): SlotRange {
  return slotRange(feed, DAY, new Date(Date.parse(DAY) + 86_400_000).toISOString());
}
