import { readFile } from 'node:fs/promises';
import { settingsOf } from '../../client/common/cli-deps.js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ksqlCommand } from '../../client/commands/ksql.js';
import { readEnv } from '../../config/env.js';
import { generateBlacklist, generateTransactions } from '../../generator/index.js';
import { KsqlDbClient } from '../../ksqldb/ksqldb-client.js';
import { seedTransactions } from '../../ksqlsetup/seed-transactions.js';
import { startStandin, type Standin } from '../../standin/index.js';
import { withTempDir } from '../helpers/services.js';

/**
 * `ksql seed` and `ksql apply` against the ksqlDB stand-in, through the real client: the stand-in
 * parses each INSERT with its ksqlDB grammar model and appends the row to its input topics, so
 * the rows it holds afterwards show exactly what a server would have been sent.
 */
describe('ksql seed / apply against the stand-in', () => {
  let standin: Standin;
  let client: KsqlDbClient;

  beforeAll(async () => {
    standin = await startStandin({ port: 0, rowsPerDay: 50 });
    client = new KsqlDbClient({ url: standin.url });
  });
  afterAll(async () => {
    await client?.close();
    await standin?.close();
  });

  /** A dataset far from the stand-in's own (2026), so its rows are told apart by time. */
  const dataset = { seed: 11, start: '2030-03-01T00:00:00Z', days: 2, rowsPerDay: 40 };

  it('every INSERT is accepted and lands as generated, blacklist first', async () => {
    const before = standin.dataset.transactions.length;
    const lines: string[] = [];
    const outcome = await seedTransactions(client, dataset, { batchSize: 25, out: (l) => lines.push(l) });

    const transactions = generateTransactions(dataset);
    const blacklist = generateBlacklist(dataset.seed, dataset.start);
    expect(outcome).toEqual({ blacklist: blacklist.length, transactions: 80, requests: 1 + 4 });
    expect(standin.dataset.transactions.slice(before)).toEqual(transactions);
    for (const entry of blacklist) expect(standin.dataset.blacklist).toContainEqual(entry);
    expect(lines.at(-1)).toBe('transactions: 80/80 (100%)');

    // What the exporter will see: the seeded rows, by ROWTIME, through /query-stream.
    const result = await client.query("SELECT TRANSACTION_ID FROM TRANSACTION_STREAM WHERE ROWTIME >= '2030-03-01';");
    const ids: unknown[] = [];
    for await (const row of result.rows) if (row.kind === 'row') ids.push(row.values[0]);
    expect(ids).toEqual(transactions.map((t) => t.transaction_id));
  });

  it('the command seeds once per marker file, with its options parsed', () => withTempDir('seed-cli', async (dir) => {
    const marker = join(dir, 'seeded.json');
    const lines: string[] = [];
    const deps = { settings: settingsOf(readEnv({ KSQLDB_URL: standin.url })), processEnv: {}, out: (l: string) => lines.push(l), note: () => {} };
    const args = ['seed', '--seed', '3', '--start', '2031-01-01T00:00:00Z', '--days', '1', '--rows-per-day', '12',
      '--batch-size', '5', '--marker', marker, '--wait-seconds', '10'];
    const before = standin.dataset.transactions.length;

    await ksqlCommand(deps).parseAsync(args, { from: 'user' });
    const seeded = { seed: 3, start: '2031-01-01T00:00:00Z', days: 1, rowsPerDay: 12 };
    expect(standin.dataset.transactions.slice(before)).toEqual(generateTransactions(seeded));
    expect(lines[0]).toBe(`ksqlDB 7.5.0 at ${standin.url}`);
    expect(lines.at(-1)).toMatch(/^ksql seed: 6 blacklist rows and 12 transactions in 5 requests/);
    expect(JSON.parse(await readFile(marker, 'utf8'))).toMatchObject({ dataset: seeded });

    await ksqlCommand(deps).parseAsync(args, { from: 'user' });
    expect(standin.dataset.transactions.length).toBe(before + 12);
    expect(lines.at(-1)).toMatch(/already seeded .* skipping/);
  }));

  it('apply sends every ksql/*.sql statement and keeps the sources that exist', async () => {
    const lines: string[] = [];
    const deps = { settings: settingsOf(readEnv({ KSQLDB_URL: standin.url })), processEnv: {}, out: (l: string) => lines.push(l), note: () => {} };
    await ksqlCommand(deps).parseAsync(['apply', '--wait-seconds', '10'], { from: 'user' });
    // The stand-in's sources are fixed: it refuses each CREATE as ksqlDB refuses a duplicate.
    expect(lines.filter((l) => l.endsWith(': already exists, kept'))).toHaveLength(9);
    expect(lines).toContain('03_blacklist.sql: CREATE TABLE blacklist: already exists, kept');
    expect(lines.at(-1)).toBe('ksql apply: 0 created, 9 already there');
  });

  it('a refused INSERT fails the seed with the server message', async () => {
    const refusing = { executeStatement: (ksql: string) => client.executeStatement(ksql.replaceAll('TRANSACTION_STREAM', 'NO_SUCH_STREAM')) };
    await expect(seedTransactions(refusing, { ...dataset, days: 1, rowsPerDay: 3 }, { batchSize: 10, out: () => {} }))
      .rejects.toThrow(/transactions 1–3 of 3 were refused: .*NO_SUCH_STREAM/);
  });
});
