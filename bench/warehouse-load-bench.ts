import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { Lake } from '../lake/index.js';
import { loadDataLocal } from '../warehouse/load-data-local.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { benchDatabase, publishBenchVersion, flushToDisk } from './warehouse-fixture.js';

export interface WarehouseLoadResult {
  rows: number;
  /** the project's load (dimension members + facts + receipt), in a child process */
  loadSeconds: number;
  loadPeakMb: number;
  heartbeats: number;
  /** LOAD DATA LOCAL INFILE of a ready CSV of the same rows into the fact table */
  loadDataSeconds: number;
  /** row-by-row INSERTs, measured on `sampleRows` and extrapolated to `rows` */
  rowByRowSeconds: number;
  sampleRows: number;
}

const probe = fileURLToPath(new URL('./warehouse-load-probe.js', import.meta.url));

/**
 * The warehouse load of `rows` fact rows against two baselines of the same run on the same rows,
 * each in a fresh database where every user is already a member (the state after any earlier
 * snapshot): MySQL's own bulk path fed a ready CSV, and one INSERT per row. Each is timed alone:
 * the database before it is dropped and its own setup flushed to disk, so no step pays for the one
 * before. Peak RSS is the highest of the rounds.
 */
export async function benchWarehouseLoad(rows: number, serverUrl: string, rounds = 2, sampleRows = 20_000): Promise<WarehouseLoadResult> {
  const root = await mkdtemp(join(tmpdir(), 'ksql-etl-bench-wh-'));
  const tag = `ksql_etl_bench_${randomBytes(3).toString('hex')}`;
  const lake = await Lake.open(root);
  try {
    const input = await publishBenchVersion(lake, rows);
    /** `measure` in a fresh database of its own, its setup flushed to disk; the database goes afterwards. */
    const inFreshDatabase = async <T>(name: string, measure: (warehouse: Warehouse) => Promise<T>): Promise<T> => {
      const warehouse = await benchDatabase(serverUrl, `${tag}_${name}`, lake, input);
      try {
        await flushToDisk(warehouse);
        return await measure(warehouse);
      } finally {
        await warehouse.query(`DROP DATABASE \`${warehouse.database}\``);
        await warehouse.close();
      }
    };
    const csv = join(root, 'facts.csv');
    await pipeline((await lake.readVersionText(input.feedId, input.version, { format: 'mysql-csv' })).stream, createWriteStream(csv));
    const sample: unknown[][] = [];
    for await (const batch of (await lake.readVersion(input.feedId, input.version, { batchRows: 5000 })).batches) {
      sample.push(...batch.slice(0, sampleRows - sample.length));
      if (sample.length >= sampleRows) break;
    }

    // The host is shared: each of the three is timed `rounds` times, in turns, and its best run counts.
    let loadDataSeconds = Infinity;
    let sampleSeconds = Infinity;
    let child = { seconds: Infinity, rows: 0, heartbeats: 0, maxRssKb: 0 };
    let peakRssKb = 0;
    for (let round = 0; round < rounds; round++) {
      const csvSeconds = await inFreshDatabase('csv', async (base) => {
        const began = performance.now();
        const loaded = await base.withTransaction((tx) =>
          loadDataLocal(tx, createReadStream(csv, { highWaterMark: 1 << 20 }), {
            table: 'fact_user_transaction_summary',
            columns: ['user_id', 'transaction_count', 'total_amount', 'avg_amount', 'max_amount', 'last_currency', 'last_transaction_ts'],
            set: 'snapshot_version = 1',
          }),
        );
        if (loaded.affectedRows !== rows) throw new Error(`baseline loaded ${loaded.affectedRows} rows, expected ${rows}`);
        return (performance.now() - began) / 1000;
      });

      const load = await inFreshDatabase('load', async (project) => {
        const out = JSON.parse(
          execFileSync(process.execPath, [probe, root, `${serverUrl}/${project.database}`, JSON.stringify(input)], { encoding: 'utf8' }).trim().split('\n').at(-1)!,
        ) as { seconds: number; rows: number; heartbeats: number; maxRssKb: number };
        if (out.rows !== rows) throw new Error(`the load landed ${out.rows} rows, expected ${rows}`);
        return out;
      });

      const rowsSeconds = await inFreshDatabase('rows', async (single) => {
        const began = performance.now();
        await single.withTransaction(async (tx) => {
          for (const row of sample) {
            await tx.execute(
              'INSERT INTO fact_user_transaction_summary (snapshot_version, user_id, transaction_count, total_amount, avg_amount, max_amount, last_currency, last_transaction_ts) VALUES (1, ?, ?, ?, ?, ?, ?, ?)',
              row as Array<string | number | null>,
            );
          }
        });
        return (performance.now() - began) / 1000;
      });
      loadDataSeconds = Math.min(loadDataSeconds, csvSeconds);
      sampleSeconds = Math.min(sampleSeconds, rowsSeconds);
      if (load.seconds < child.seconds) child = load;
      peakRssKb = Math.max(peakRssKb, load.maxRssKb);
    }
    return {
      rows,
      loadSeconds: child.seconds,
      loadPeakMb: peakRssKb / 1024,
      heartbeats: child.heartbeats,
      loadDataSeconds,
      rowByRowSeconds: (sampleSeconds / sample.length) * rows,
      sampleRows: sample.length,
    };
  } finally {
    lake.close();
    await rm(root, { recursive: true, force: true });
  }
}
