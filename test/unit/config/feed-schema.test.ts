import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedConfigError } from '../../../config/errors.js';
import { loadFeedFile, loadFeeds } from '../../../config/load-feeds.js';
import { withTempDir } from '../../helpers/services.js';

describe('feed registry', () => {
  it('parses every feed file shipped in feeds/', async () => {
    const feeds = await loadFeeds('feeds');
    expect(feeds.size).toBeGreaterThanOrEqual(2);
    expect(feeds.get('transaction_stream')).toMatchObject({ kind: 'stream', slot: '1h', source: 'TRANSACTION_STREAM' });
    expect(feeds.get('user_transaction_summary')).toMatchObject({ kind: 'table', warehouse: { fact: 'fact_user_transaction_summary' } });
  });

  it.each([
    [{ id: 'bad_feed', kind: 'stream', source: 'X', slot: '7m' }, 'slot: must divide one day evenly'],
    [{ id: 'bad_feed', kind: 'stream' }, 'source:'],
    [{ id: 'bad_feed', kind: 'table', source: 'X; DROP TABLE y' }, 'source: must be a plain ksqlDB identifier'],
    [{ id: 'bad_feed', kind: 'table', source: 'X', warehouse: { fact: 'Fact-Table' } }, 'warehouse.fact: must be lower-case'],
    [{ id: 'bad_feed', kind: 'view', source: 'X' }, 'kind:'],
    [{ id: 'other_name', kind: 'stream', source: 'X' }, 'id: "other_name" must equal the file name "bad_feed"'],
    [{ id: 'bad_feed', kind: 'stream', source: 'X', retention: 3 }, 'Unrecognized key'],
  ])('names the file and the field of a bad feed: %j', async (content, message) => {
    await withTempDir('feeds', async (dir) => {
      const path = join(dir, 'bad_feed.json');
      await writeFile(path, JSON.stringify(content));
      const error = await loadFeedFile(path).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FeedConfigError);
      expect((error as Error).message).toContain(path);
      expect((error as Error).message).toContain(message);
    });
  });

  it('names the file when it is not JSON, and the registry load stops on it', async () => {
    await withTempDir('feeds', async (dir) => {
      await mkdir(join(dir, 'feeds'));
      await writeFile(join(dir, 'feeds', 'broken.json'), '{"id": "broken",');
      await expect(loadFeeds(join(dir, 'feeds'))).rejects.toThrow(/broken\.json: not valid JSON/);
    });
  });
});
