import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateBlacklist, generateTransactions } from '../../../generator/index.js';
import { KsqlDbClient } from '../../../ksqldb/ksqldb-client.js';
import { applyKsqlDdl, KsqlApplyError, type KsqlScript } from '../../../ksqlsetup/apply-ksql-ddl.js';
import { EARLIEST, isAlreadyExists, type KsqlExecutor } from '../../../ksqlsetup/ksql-executor.js';
import { seedOnce } from '../../../ksqlsetup/seed-marker.js';
import { transactionInsert } from '../../../ksqlsetup/seed-statements.js';
import { KsqlSeedError, seedTransactions } from '../../../ksqlsetup/seed-transactions.js';
import { maskCredentials } from '../../../config/mask-credentials.js';
import { KsqlDbNotReadyError, waitForKsqlDb } from '../../../ksqlsetup/wait-for-ksqldb.js';
import { withTempDir } from '../../helpers/services.js';

/** Records every request; `refuse` decides which statements fail and how. */
function fakeKsql(refuse: (ksql: string) => Error | undefined = () => undefined) {
  const requests: Array<{ ksql: string; props: Record<string, unknown> | undefined }> = [];
  const executor: KsqlExecutor = {
    async executeStatement(ksql, props) {
      requests.push({ ksql, props });
      const error = refuse(ksql);
      if (error) throw error;
      return [];
    },
  };
  return { executor, requests };
}

/** Shaped like the client's KsqlStatementError: the full message quotes the statement. */
function statementError(statement: string, ksqlMessage: string): Error {
  return Object.assign(new Error(`POST /ksql "${statement}": ${ksqlMessage}`), { ksqlMessage, errorCode: 40001 });
}

const SCRIPTS: KsqlScript[] = [
  { file: '01_a.sql', statements: ['CREATE STREAM a (x INT) WITH (KAFKA_TOPIC=\'a\', VALUE_FORMAT=\'JSON\');'] },
  { file: '02_b.sql', statements: ['CREATE STREAM b AS SELECT * FROM a;', 'CREATE TABLE c AS SELECT x, COUNT(*) n FROM b GROUP BY x;'] },
];

describe('applyKsqlDdl', () => {
  it('sends one statement per request, in order, with earliest offsets', async () => {
    const { executor, requests } = fakeKsql();
    const lines: string[] = [];
    const outcome = await applyKsqlDdl(executor, SCRIPTS, (line) => lines.push(line));
    expect(requests.map((r) => r.ksql)).toEqual(SCRIPTS.flatMap((s) => s.statements));
    expect(requests.every((r) => r.props === EARLIEST)).toBe(true);
    expect(EARLIEST).toEqual({ 'ksql.streams.auto.offset.reset': 'earliest' });
    expect(outcome).toEqual({ created: ['CREATE STREAM a', 'CREATE STREAM b', 'CREATE TABLE c'], existing: [] });
    expect(lines).toEqual(['01_a.sql: CREATE STREAM a: done', '02_b.sql: CREATE STREAM b: done', '02_b.sql: CREATE TABLE c: done']);
  });

  it('keeps sources that already exist, so it can run again', async () => {
    const { executor } = fakeKsql((ksql) => ksql.includes('STREAM a')
      ? statementError(ksql, "Cannot add stream 'A': A stream with the same name already exists")
      : undefined);
    const outcome = await applyKsqlDdl(executor, SCRIPTS, () => {});
    expect(outcome).toEqual({ created: ['CREATE STREAM b', 'CREATE TABLE c'], existing: ['CREATE STREAM a'] });
  });

  it('stops at any other refusal, naming the file and the statement', async () => {
    const { executor, requests } = fakeKsql((ksql) => ksql.includes('STREAM b')
      ? statementError(ksql, "line 1:1: Syntax Error\nmismatched input 'CRATE'")
      : undefined);
    const failure = applyKsqlDdl(executor, SCRIPTS, () => {});
    await expect(failure).rejects.toThrow(KsqlApplyError);
    await expect(failure).rejects.toThrow(/^02_b\.sql, statement 1 \(CREATE STREAM b\): .*Syntax Error/);
    expect(requests).toHaveLength(2);
  });

  it('matches "already exists" in the server message, not in the quoted statement', () => {
    expect(isAlreadyExists(statementError("CREATE STREAM x COMMENT 'already exists';", 'Syntax Error'))).toBe(false);
    expect(isAlreadyExists(new Error('wrapped', { cause: new Error('A table with the same name already exists') }))).toBe(true);
    expect(isAlreadyExists('already exists')).toBe(false);
  });
});

describe('seedTransactions', () => {
  const dataset = { seed: 7, start: '2030-01-01T00:00:00Z', days: 2, rowsPerDay: 12 };

  it('sends the blacklist first, then the transactions in time order, batchSize statements a request', async () => {
    const { executor, requests } = fakeKsql();
    const lines: string[] = [];
    const outcome = await seedTransactions(executor, dataset, { batchSize: 5, out: (line) => lines.push(line) });
    const blacklist = generateBlacklist(dataset.seed, dataset.start);
    const transactions = generateTransactions(dataset);
    expect(outcome).toEqual({ blacklist: blacklist.length, transactions: 24, requests: 2 + 5 });
    expect(requests[0]!.ksql.split('\n')).toHaveLength(5);
    expect(requests[0]!.ksql.startsWith('INSERT INTO BLACKLIST ')).toBe(true);
    const sent = requests.slice(2).flatMap((r) => r.ksql.split('\n'));
    expect(sent).toEqual(transactions.map(transactionInsert));
    expect(requests.every((r) => r.props === EARLIEST)).toBe(true);
    expect(lines.at(0)).toBe(`blacklist rows: 5/${blacklist.length} (${Math.floor(500 / blacklist.length)}%)`);
    expect(lines.at(-1)).toBe('transactions: 24/24 (100%)');
    expect(lines.length).toBeLessThanOrEqual(2 + 11);
  });

  it('says which rows were refused and that the earlier ones are already in', async () => {
    let calls = 0;
    const { executor } = fakeKsql(() => (++calls === 3 ? new Error('Kafka is down') : undefined));
    const failure = seedTransactions(executor, dataset, { batchSize: 10, out: () => {} });
    await expect(failure).rejects.toThrow(KsqlSeedError);
    await expect(failure).rejects.toThrow('transactions 11–20 of 24 were refused: Kafka is down (the first 10 are in ksqlDB');
  });
});

describe('seedOnce', () => {
  const dataset = { seed: 1, start: '2030-01-01T00:00:00Z', days: 1, rowsPerDay: 1 };
  const outcome = { blacklist: 6, transactions: 1, requests: 2 };

  it('seeds and writes the marker, then skips while the marker exists', () => withTempDir('seed', async (dir) => {
    const marker = join(dir, 'state', 'seeded.json');
    let runs = 0;
    const lines: string[] = [];
    const seed = async () => (runs++, outcome);
    expect(await seedOnce(marker, dataset, (l) => lines.push(l), seed)).toEqual(outcome);
    expect(JSON.parse(await readFile(marker, 'utf8'))).toMatchObject({ dataset, outcome });
    expect(await seedOnce(marker, dataset, (l) => lines.push(l), seed)).toBeUndefined();
    expect(runs).toBe(1);
    expect(lines.join('\n')).toMatch(/already seeded at .* skipping/);
  }));

  it('writes no marker when seeding fails, and always seeds without a marker file', () => withTempDir('seed', async (dir) => {
    const marker = join(dir, 'seeded.json');
    await expect(seedOnce(marker, dataset, () => {}, async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await expect(readFile(marker)).rejects.toMatchObject({ code: 'ENOENT' });
    let runs = 0;
    await seedOnce(undefined, dataset, () => {}, async () => (runs++, outcome));
    await seedOnce(undefined, dataset, () => {}, async () => (runs++, outcome));
    expect(runs).toBe(2);
  }));
});

describe('waitForKsqlDb', () => {
  let server: Server | undefined;
  const clients: KsqlDbClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });
  const clientFor = (url: string) => {
    const client = new KsqlDbClient({ url, connectTimeoutMs: 2_000 });
    clients.push(client);
    return client;
  };

  /** Answers `status` `times` times, then a real-looking /info; records the Authorization header. */
  async function flakyInfo(times: number, status = 503): Promise<{ url: string; seen: Array<string | undefined> }> {
    const seen: Array<string | undefined> = [];
    let left = times;
    server = createServer((req, res) => {
      seen.push(req.headers.authorization);
      if (left-- > 0) {
        const code = status === 401 ? 40100 : 50302;
        res.writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify({ '@type': 'generic_error', error_code: code, message: status === 401 ? 'Unauthorized' : 'Server initializing' }));
      } else {
        res.writeHead(200, { 'content-type': 'application/json' })
          .end('{"KsqlServerInfo":{"version":"7.6.1","kafkaClusterId":"x","ksqlServiceId":"default_","serverStatus":"RUNNING"}}');
      }
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, seen };
  }

  it('retries until /info answers, never printing the password of the URL', async () => {
    const { url, seen } = await flakyInfo(2);
    const lines: string[] = [];
    const withCredentials = url.replace('http://', 'http://alice:s3cret@');
    const version = await waitForKsqlDb(clientFor(withCredentials),
      { url: withCredentials, timeoutMs: 10_000, intervalMs: 20, log: (l) => lines.push(l) });
    expect(version).toBe('7.6.1');
    expect(seen).toEqual(Array(3).fill(`Basic ${Buffer.from('alice:s3cret').toString('base64')}`));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('alice:***@127.0.0.1');
    expect(lines.join('\n')).not.toContain('s3cret');
  });

  it('gives up after the timeout with the URL and the last problem', async () => {
    const { url } = await flakyInfo(1_000);
    const failure = waitForKsqlDb(clientFor(url), { url, timeoutMs: 300, intervalMs: 50 });
    await expect(failure).rejects.toThrow(KsqlDbNotReadyError);
    await expect(failure).rejects.toThrow(new RegExp(`ksqlDB at ${url} did not answer GET /info within 0 s .*last: .*Server initializing`));
  });

  it('stops at once on what waiting cannot fix, and names a refused connection', async () => {
    const { url } = await flakyInfo(1_000, 401);
    await expect(waitForKsqlDb(clientFor(url), { url, timeoutMs: 60_000 })).rejects.toThrow(/cannot be used: .*Unauthorized/);
    const closed = 'http://127.0.0.1:1';
    await expect(waitForKsqlDb(clientFor(closed), { url: closed, timeoutMs: 200, intervalMs: 50 }))
      .rejects.toThrow(/did not answer GET \/info .*ECONNREFUSED/);
  });

  it('masks the password of a URL', () => {
    expect(maskCredentials('http://u:p@ksql:8088/')).toBe('http://u:***@ksql:8088');
    expect(maskCredentials('https://ksql.example.com')).toBe('https://ksql.example.com');
  });
});
