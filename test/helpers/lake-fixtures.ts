import { LosslessNumber } from 'lossless-json';
import { parseKsqlType } from '../../ksqldb/ksql-type.js';
import { type SourceRow, toStreamColumns } from '../../lake/index.js';

/** Source columns shaped like `SELECT ROWTIME, *` on a small stream. */
export const STREAM_COLUMNS = toStreamColumns([
  { name: 'ROWTIME', type: parseKsqlType('BIGINT') },
  { name: 'ID', type: parseKsqlType('STRING') },
  { name: 'AMOUNT', type: parseKsqlType('DOUBLE') },
  { name: 'ITEMS', type: parseKsqlType('ARRAY<STRUCT<`SKU` STRING, `QTY` INTEGER>>') },
]);

export function streamRow(rowtime: number, id: string, amount: number): SourceRow {
  return {
    kind: 'row',
    values: [new LosslessNumber(String(rowtime)), id, new LosslessNumber(amount.toFixed(1)), [{ SKU: `s-${id}`, QTY: new LosslessNumber('2') }]],
  };
}

export async function* fromArray<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}
