import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFeeds } from '../../config/load-feeds.js';
import { syncFeeds } from '../../client/feeds/sync-feeds.js';
import { KsqlDbClient } from '../../ksqldb/ksqldb-client.js';
import { startStandin, type Standin } from '../../standin/index.js';
import { factTablesDefined } from '../../warehouse/fact-tables.js';
import { REPO_ROOT, withTempDir } from '../helpers/services.js';

const ALL_FEEDS = [
  'payment_method_totals', 'product_purchase_counts', 'transaction_flattened', 'transaction_stream',
  'transaction_stream_anonymized', 'transaction_stream_blacklisted', 'user_transaction_summary', 'user_transaction_summary_eur',
];

let standin: Standin;
let ksql: KsqlDbClient;
let facts: Set<string>;
beforeAll(async () => {
  standin = await startStandin({ port: 0, rowsPerDay: 50 });
  ksql = new KsqlDbClient({ url: standin.url });
  facts = await factTablesDefined(join(REPO_ROOT, 'sql'));
});
afterAll(async () => {
  await ksql.close();
  await standin.close();
});

describe('feeds sync', () => {
  it('writes a valid feed for each of the 8 sources, skips the non-queryable blacklist, and a second run changes nothing', async () => {
    await withTempDir('sync', async (dir) => {
      const first = await syncFeeds(ksql, dir, facts);
      expect(first.added).toEqual(ALL_FEEDS);
      expect(first.skipped).toEqual([{ source: 'BLACKLIST', reason: expect.stringContaining('not pull-queryable') }]);
      const feeds = await loadFeeds(dir);
      expect(feeds.get('transaction_stream_anonymized')).toMatchObject({ kind: 'stream', retentionDays: 730, slot: '1h' });
      expect(feeds.get('payment_method_totals')).toMatchObject({
        kind: 'table',
        warehouse: { fact: 'fact_payment_method_totals', dimensions: [{ table: 'dim_payment_methods', key: 'payment_method' }] },
      });
      expect(feeds.get('product_purchase_counts')).toMatchObject({ warehouse: { fact: 'fact_product_purchase_counts', dimensions: [] } });
      const before = await Promise.all(ALL_FEEDS.map((f) => readFile(join(dir, `${f}.json`), 'utf8')));

      const second = await syncFeeds(ksql, dir, facts);
      expect(second).toMatchObject({ added: [], unchanged: ALL_FEEDS, kept: [], orphaned: [] });
      expect(await Promise.all(ALL_FEEDS.map((f) => readFile(join(dir, `${f}.json`), 'utf8')))).toEqual(before);
    });
  });

  it('keeps a feed a person edited and reports how it differs', async () => {
    await withTempDir('sync-edit', async (dir) => {
      await syncFeeds(ksql, dir, facts);
      const path = join(dir, 'transaction_flattened.json');
      const edited = (await readFile(path, 'utf8')).replace('"slot": "1h"', '"slot": "15m"');
      await writeFile(path, edited);
      await writeFile(join(dir, 'old_feed.json'), JSON.stringify({ id: 'old_feed', kind: 'stream', source: 'GONE_STREAM' }));
      const report = await syncFeeds(ksql, dir, facts);
      expect(report.kept).toEqual([{ feed: 'transaction_flattened', differences: ['slot: "15m" (defaults: "1h")'] }]);
      expect(report.orphaned).toEqual([{ feed: 'old_feed', source: 'GONE_STREAM' }]);
      expect(await readFile(path, 'utf8')).toBe(edited);
    });
  });

  it('the registry shipped in feeds/ is what discovery writes: all 8 feeds, none differing from the defaults', async () => {
    await withTempDir('sync-repo', async (dir) => {
      await cp(join(REPO_ROOT, 'feeds'), dir, { recursive: true });
      const report = await syncFeeds(ksql, dir, facts);
      expect(report).toMatchObject({ added: [], kept: [], orphaned: [], unchanged: ALL_FEEDS });
      expect((await readdir(dir)).sort()).toEqual(ALL_FEEDS.map((f) => `${f}.json`));
    });
  });
});
