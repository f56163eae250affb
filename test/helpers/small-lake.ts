import { LosslessNumber } from 'lossless-json';
import { streamFeedSchema, tableFeedSchema } from '../../config/feed-schema.js';
import { slotRange } from '../../config/slot-range.js';
import { parseKsqlType } from '../../ksqldb/ksql-type.js';
import { Lake, type LakeOptions, toLakeColumns } from '../../lake/index.js';
import { fromArray, STREAM_COLUMNS, streamRow } from './lake-fixtures.js';

const HOUR = 3_600_000;
/** 22:00 on 2026-11-24: four hourly slots, two on each of two days. */
export const SMALL_LAKE_T0 = Date.parse('2026-11-24T22:00:00Z');

/**
 * A lake written by the lake's own writers: stream `payments` (ids a–d, one row per hourly slot,
 * a and b on 2026-11-24, c and d on 2026-11-25) and table `totals` with keepVersions 2, written
 * three times, then retention (version 1 deleted; version N holds one row `('k', N * 10)`).
 */
export async function writeSmallLake(location: string, options: LakeOptions = {}): Promise<void> {
  const payments = streamFeedSchema.parse({ id: 'payments', kind: 'stream', source: 'PAYMENTS', slot: '1h' });
  const totals = tableFeedSchema.parse({ id: 'totals', kind: 'table', source: 'TOTALS', keepVersions: 2 });
  const tableColumns = toLakeColumns([
    { name: 'K', type: parseKsqlType('STRING') },
    { name: 'N', type: parseKsqlType('BIGINT') },
  ]);
  const lake = await Lake.open(location, options);
  try {
    await lake.writeStreamSlots({
      feed: payments,
      range: slotRange(payments, new Date(SMALL_LAKE_T0).toISOString(), new Date(SMALL_LAKE_T0 + 4 * HOUR).toISOString()),
      columns: STREAM_COLUMNS,
      rows: fromArray(['a', 'b', 'c', 'd'].map((id, i) => streamRow(SMALL_LAKE_T0 + i * HOUR + 60_000, id, 10 * (i + 1)))),
      runId: 'small-lake',
    });
    for (const version of [1, 2, 3]) {
      const rows = fromArray([{ kind: 'row' as const, values: ['k', new LosslessNumber(String(version * 10))] }]);
      await lake.writeTableSnapshot({ feed: totals, columns: tableColumns, rows, runId: `small-lake-${version}` });
    }
    await lake.applyRetention(totals, { nowMs: SMALL_LAKE_T0 });
  } finally {
    lake.close();
  }
}
