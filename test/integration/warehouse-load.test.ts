import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LosslessNumber } from 'lossless-json';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { tableFeedSchema } from '../../config/feed-schema.js';
import { parseKsqlType } from '../../ksqldb/ksql-type.js';
import { Lake, type SourceRow, toLakeColumns } from '../../lake/index.js';
import { applyWarehouseSchema } from '../../warehouse/apply-schema.js';
import { WarehouseAccessError, WarehouseDataError, WarehouseSchemaError } from '../../warehouse/errors.js';
import { loadSnapshot } from '../../warehouse/load-snapshot.js';
import type { VersionSource } from '../../warehouse/lake-versions.js';
import { fromArray } from '../helpers/lake-fixtures.js';
import { REPO_ROOT } from '../helpers/services.js';
import { withTestWarehouse } from '../helpers/test-warehouse.js';
import { Warehouse } from '../../warehouse/warehouse.js';

const feed = tableFeedSchema.parse({
  id: 'user_transaction_summary',
  kind: 'table',
  source: 'USER_TRANSACTION_SUMMARY',
  warehouse: { fact: 'fact_user_transaction_summary', dimensions: [{ table: 'dim_users', key: 'user_id' }] },
});
const columns = toLakeColumns(
  [['USER_ID', 'STRING'], ['TRANSACTION_COUNT', 'BIGINT'], ['TOTAL_AMOUNT', 'DOUBLE'], ['AVG_AMOUNT', 'DOUBLE'], ['MAX_AMOUNT', 'DOUBLE'], ['LAST_CURRENCY', 'STRING'], ['LAST_TRANSACTION_TS', 'BIGINT']]
    .map(([name, type]) => ({ name: name!, type: parseKsqlType(type!) })),
);
const n = (text: string | number) => new LosslessNumber(String(text));
function summary(users: number, bump = 0): SourceRow[] {
  return Array.from({ length: users }, (_, i) => ({
    kind: 'row' as const,
    values: [`user-${i}`, n(i + 1 + bump), n(`${10 * (i + 1) + bump}.5`), n('5.25'), n('9.0'), 'EUR', n(1764021600000 + i)],
  }));
}

/** Passes text through until `lines` lines went by, then fails; lazy, like a file read. */
async function* failAfterLines(source: AsyncIterable<Buffer>, lines: number): AsyncGenerator<Buffer> {
  let seen = 0;
  for await (const chunk of source) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) {
      if (++seen >= lines) {
        yield chunk.subarray(0, i + 1);
        throw new Error('injected: the lake read failed half way');
      }
    }
    yield chunk;
  }
}

let lake: Lake;
let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ksql-etl-warehouse-'));
  lake = await Lake.open(root);
});
afterAll(async () => {
  lake.close();
  await rm(root, { recursive: true, force: true });
});

async function publish(users: number, runId: string, bump = 0) {
  const snapshot = await lake.writeTableSnapshot({ feed, columns, rows: fromArray(summary(users, bump)), runId });
  return snapshot;
}

function load(warehouse: Warehouse, s: { version: number; rows: number; checksum: string }, expectedRows = s.rows) {
  return loadSnapshot(warehouse, lake, { feedId: feed.id, target: feed.warehouse!, version: s.version, lakeChecksum: s.checksum, expectedRows });
}

describe('warehouse snapshot load', () => {
  it('applies the schema idempotently', async () => {
    await withTestWarehouse('schema', async (warehouse, url) => {
      await expect(applyWarehouseSchema(url, join(REPO_ROOT, 'sql'))).resolves.toEqual([
        '01_create_database.sql', '02_create_dimension_tables.sql', '03_create_fact_tables.sql',
      ]);
      const tables = await warehouse.query<{ t: string }>("SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1", [warehouse.database]);
      expect(tables.map((r) => r.t)).toEqual([
        'dim_payment_methods', 'dim_users', 'etl_current_versions', 'etl_snapshot_loads', 'fact_payment_method_totals',
        'fact_product_purchase_counts', 'fact_user_transaction_summary', 'fact_user_transaction_summary_eur',
      ]);
      const fks = await warehouse.query<{ n: string }>("SELECT COUNT(*) AS n FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND DELETE_RULE = 'CASCADE'", [warehouse.database]);
      expect(fks).toEqual([{ n: '3' }]);
    });
  });

  it('loads versions whole, keeps each, and a second load of a version changes nothing', async () => {
    await withTestWarehouse('load', async (warehouse) => {
      const v1 = await publish(50, 'a');
      const v2 = await publish(60, 'b', 1);
      expect(await load(warehouse, v1)).toEqual({ rows: 50, alreadyLoaded: false });
      expect(await load(warehouse, v1)).toEqual({ rows: 50, alreadyLoaded: true });
      expect(await load(warehouse, v2)).toEqual({ rows: 60, alreadyLoaded: false });
      const counts = await warehouse.query('SELECT snapshot_version AS v, COUNT(*) AS n, SUM(transaction_count) AS c FROM fact_user_transaction_summary GROUP BY 1 ORDER BY 1');
      expect(counts).toEqual([{ v: v1.version, n: '50', c: '1275' }, { v: v2.version, n: '60', c: '1890' }]);
      const dims = await warehouse.query('SELECT first_seen_version AS f, COUNT(*) AS n FROM dim_users GROUP BY 1 ORDER BY 1');
      expect(dims).toEqual([{ f: v1.version, n: '50' }, { f: v2.version, n: '10' }]);
      const log = await warehouse.query("SELECT snapshot_version AS v, status, row_count AS n FROM etl_snapshot_loads ORDER BY load_id");
      expect(log).toEqual([{ v: v1.version, status: 'loaded', n: '50' }, { v: v2.version, status: 'loaded', n: '60' }]);
      const [user] = await warehouse.query("SELECT total_amount, last_transaction_ts FROM fact_user_transaction_summary WHERE user_id = 'user-3' AND snapshot_version = ?", [v1.version]);
      expect(user).toEqual({ total_amount: 40.5, last_transaction_ts: '1764021600003' });
    });
  });

  it('rolls the whole version back when the row count does not balance', async () => {
    await withTestWarehouse('rollback', async (warehouse) => {
      const v = await publish(30, 'c');
      await expect(load(warehouse, v, 31)).rejects.toBeInstanceOf(WarehouseDataError);
      expect(await warehouse.query('SELECT COUNT(*) AS n FROM fact_user_transaction_summary')).toEqual([{ n: '0' }]);
      expect(await warehouse.query('SELECT COUNT(*) AS n FROM dim_users')).toEqual([{ n: '0' }]);
      const [log] = await warehouse.query<{ status: string; error: string }>('SELECT status, error FROM etl_snapshot_loads');
      expect(log).toMatchObject({ status: 'failed', error: expect.stringContaining(`version ${v.version}, table fact_user_transaction_summary`) });
    });
  });

  it('a load that fails half way leaves the facts as they were and logs the failure', async () => {
    await withTestWarehouse('halfway', async (warehouse) => {
      const v1 = await publish(40, 'h1');
      await load(warehouse, v1);
      const v2 = await publish(4000, 'h2', 1);
      // The lake's text breaks after 2000 of the 4000 fact lines, as a failing disk would.
      const breaking: VersionSource = {
        describeVersion: (feedId, version) => lake.describeVersion(feedId, version),
        async readVersionText(feedId, version, opts) {
          const text = await lake.readVersionText(feedId, version, opts);
          return opts.distinct ? text : { ...text, stream: Readable.from(failAfterLines(text.stream, 2000)) };
        },
      };
      const input = { feedId: feed.id, target: feed.warehouse!, version: v2.version, lakeChecksum: v2.checksum, expectedRows: v2.rows };
      await expect(loadSnapshot(warehouse, breaking, input)).rejects.toThrow(/injected/);
      expect(await warehouse.query('SELECT snapshot_version AS v, COUNT(*) AS n FROM fact_user_transaction_summary GROUP BY 1')).toEqual([{ v: v1.version, n: '40' }]);
      expect(await warehouse.query('SELECT COUNT(*) AS n FROM dim_users')).toEqual([{ n: '40' }]);
      expect(await warehouse.query('SELECT DISTINCT snapshot_version AS v FROM fact_user_transaction_summary_current')).toEqual([{ v: v1.version }]);
      const log = await warehouse.query<{ v: number; status: string; error: string | null }>('SELECT snapshot_version AS v, status, error FROM etl_snapshot_loads ORDER BY load_id');
      expect(log.map((l) => [l.v, l.status])).toEqual([[v1.version, 'loaded'], [v2.version, 'failed']]);
      expect(log[1]!.error).toContain('injected: the lake read failed half way');
      // The same version loads whole once the lake reads again.
      expect(await load(warehouse, v2)).toEqual({ rows: 4000, alreadyLoaded: false });
    });
  });

  it('deleting a dimension row cascades to its facts', async () => {
    await withTestWarehouse('cascade', async (warehouse) => {
      await load(warehouse, await publish(5, 'd'));
      await warehouse.query("DELETE FROM dim_users WHERE user_id = 'user-1'");
      expect(await warehouse.query("SELECT COUNT(*) AS n FROM fact_user_transaction_summary WHERE user_id = 'user-1'")).toEqual([{ n: '0' }]);
      expect(await warehouse.query('SELECT COUNT(*) AS n FROM fact_user_transaction_summary')).toEqual([{ n: '4' }]);
    });
  });

  it('names the missing fact table', async () => {
    await withTestWarehouse('missing', async (warehouse) => {
      await warehouse.query('DROP TABLE fact_user_transaction_summary');
      await expect(load(warehouse, await publish(1, 'e'))).rejects.toThrow(WarehouseSchemaError);
    });
  });
});

describe('warehouse secrets', () => {
  it('never puts the MySQL password in an error', async () => {
    const warehouse = Warehouse.connect(`${inject('mysqlUrl').replace('mysql://root@', 'mysql://root:S3cret-pw@')}/nope`);
    const error = (await warehouse.query('SELECT 1').catch((e: unknown) => e)) as Error;
    await warehouse.close();
    expect(error).toBeInstanceOf(WarehouseAccessError);
    expect(error.message).toContain('mysql://root:***@');
    for (const text of [error.message, String(error.stack), JSON.stringify(error)]) expect(text).not.toContain('S3cret-pw');
  });
});
