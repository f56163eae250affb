import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedConfigError } from '../../../config/errors.js';
import { defaultFeed } from '../../../config/feed-defaults.js';
import { loadSourceDefaults, type SourceDefaults } from '../../../config/source-defaults.js';
import { SOURCE_DEFAULTS_FILE } from '../../../client/common/project-files.js';
import { withTempDir } from '../../helpers/services.js';

const FACTS = new Set(['fact_orders']);

describe('per-source defaults of feeds sync', () => {
  it('the shipped file parses and names the anonymized stream and the 4 tables', async () => {
    const defaults = await loadSourceDefaults(SOURCE_DEFAULTS_FILE);
    expect(Object.keys(defaults.sources).sort()).toEqual([
      'PAYMENT_METHOD_TOTALS', 'PRODUCT_PURCHASE_COUNTS', 'TRANSACTION_STREAM_ANONYMIZED', 'USER_TRANSACTION_SUMMARY', 'USER_TRANSACTION_SUMMARY_EUR',
    ]);
  });

  it('a new source gets its defaults from the data alone, matched regardless of case', () => {
    const defaults: SourceDefaults = {
      sources: {
        clicks: { retentionDays: 90 },
        ORDERS: { keepVersions: 7, warehouse: { fact: 'fact_orders', dimensions: [{ table: 'dim_users', key: 'user_id' }] } },
      },
    };
    expect(defaultFeed({ name: 'CLICKS', kind: 'stream' }, defaults, FACTS)).toMatchObject({ id: 'clicks', retentionDays: 90, slot: '1h' });
    expect(defaultFeed({ name: 'ORDERS', kind: 'table' }, defaults, FACTS)).toMatchObject({
      id: 'orders', keepVersions: 7, warehouse: { fact: 'fact_orders', dimensions: [{ table: 'dim_users', key: 'user_id' }] },
    });
    expect(defaultFeed({ name: 'OTHER', kind: 'stream' }, defaults, FACTS)).toMatchObject({ retentionDays: 365 });
  });

  it('drops a warehouse target whose fact table the schema does not define', () => {
    const defaults: SourceDefaults = { sources: { ORDERS: { warehouse: { fact: 'fact_missing', dimensions: [] } } } };
    expect(defaultFeed({ name: 'ORDERS', kind: 'table' }, defaults, FACTS)).not.toHaveProperty('warehouse');
  });

  it('refuses table fields on a stream and stream fields on a table', () => {
    const defaults: SourceDefaults = { sources: { A: { keepVersions: 3 }, B: { retentionDays: 3 } } };
    expect(() => defaultFeed({ name: 'A', kind: 'stream' }, defaults, FACTS)).toThrow(/stream A: keepVersions and warehouse are for tables/);
    expect(() => defaultFeed({ name: 'B', kind: 'table' }, defaults, FACTS)).toThrow(/table B: retentionDays is for streams/);
  });

  it('names the file and the field of a bad defaults file', async () => {
    await withTempDir('source-defaults', async (dir) => {
      const path = join(dir, 'defaults.json');
      await writeFile(path, JSON.stringify({ sources: { ORDERS: { retentionDays: -1, slot: '1h' } } }));
      const error = await loadSourceDefaults(path).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FeedConfigError);
      expect((error as Error).message).toContain(path);
      expect((error as Error).message).toContain('sources.ORDERS.retentionDays');
      expect((error as Error).message).toContain('Unrecognized key');
    });
  });
});
