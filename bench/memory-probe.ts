import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamFeedSchema } from '../config/feed-schema.js';
import { generateTransactions } from '../generator/index.js';
import { Lake } from '../lake/lake.js';
import { COLUMNS, DAY, dayRange, wireLine, wireRows } from './lake-write-bench.js';

/**
 * Run in a child process by bench/run.ts: `generate` only builds the input (the baseline),
 * `pipeline` builds it and writes it to the lake. Prints the process's peak RSS in KiB.
 */
const [mode, rowsText] = process.argv.slice(2);
const rows = Number(rowsText);
const lines = generateTransactions({ seed: 1, start: DAY, days: 1, rowsPerDay: rows }).map(wireLine);
if (mode === 'pipeline') {
  const root = await mkdtemp(join(tmpdir(), 'ksql-etl-bench-mem-'));
  const lake = await Lake.open(root);
  const feed = streamFeedSchema.parse({ id: 'bench_stream', kind: 'stream', source: 'BENCH', slot: '1h' });
  await lake.writeStreamSlots({ feed, range: dayRange(feed), columns: COLUMNS, rows: wireRows(lines), runId: 'bench' });
  lake.close();
  await rm(root, { recursive: true, force: true });
}
console.log(JSON.stringify({ mode, rows: lines.length, maxRssKb: process.resourceUsage().maxRSS }));
