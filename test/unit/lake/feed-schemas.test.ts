import { describe, expect, it } from 'vitest';
import type { ColumnRecord, SlotEntry, StreamMetadata } from '../../../lake/metadata/feed-metadata.js';
import { entrySchemaId, recordSchema } from '../../../lake/metadata/feed-schemas.js';
import { groupBySchema } from '../../../lake/read/schema-groups.js';
import { describeDrift, driftAllowed, schemaDrift } from '../../../lake/metadata/schema-drift.js';
import { schemaId } from '../../../lake/metadata/schema-id.js';

const A: ColumnRecord[] = [
  { name: 'rowtime', type: 'BIGINT', parquetType: 'TIMESTAMP WITH TIME ZONE' },
  { name: 'id', type: 'STRING', parquetType: 'VARCHAR' },
  { name: 'amount', type: 'DOUBLE', parquetType: 'DOUBLE' },
];
const B: ColumnRecord[] = [...A, { name: 'note', type: 'STRING', parquetType: 'VARCHAR' }];

describe('schemaChange policy', () => {
  it('evolve accepts added columns only; freeze accepts no change', () => {
    const added = schemaDrift(A, B)!;
    expect(describeDrift(added)).toBe('added note STRING');
    expect(driftAllowed(added, 'evolve')).toBe(true);
    expect(driftAllowed(added, 'freeze')).toBe(false);
  });

  it('a removed or retyped column is refused under both, named with old → new type', () => {
    const retyped = schemaDrift(A, [A[0]!, A[1]!, { name: 'amount', type: 'STRING', parquetType: 'VARCHAR' }])!;
    const removed = schemaDrift(B, A)!;
    expect(describeDrift(retyped)).toBe('retyped amount DOUBLE → STRING');
    expect(describeDrift(removed)).toBe('removed note STRING');
    for (const policy of ['freeze', 'evolve'] as const) {
      expect(driftAllowed(retyped, policy)).toBe(false);
      expect(driftAllowed(removed, policy)).toBe(false);
    }
  });
});

describe('schemas in _metadata.json', () => {
  const slot = (start: string, id?: string): SlotEntry => ({
    start, end: start, file: `${start}.parquet`, rows: 1, quarantined: 0, bytes: 1, checksum: 'c', exportedAt: start, runId: 'r', ...(id ? { schemaId: id } : {}),
  });

  it('a new schema is added beside the old one, which keeps its slots', () => {
    const meta: StreamMetadata = { feed: 'f', kind: 'stream', source: 'F', columns: A, schemaId: schemaId(A), schemas: { [schemaId(A)]: A }, slots: { s1: slot('s1', schemaId(A)) }, updatedAt: '' };
    expect(recordSchema(meta, B)).toBe(schemaId(B));
    expect(meta.schemas).toEqual({ [schemaId(A)]: A, [schemaId(B)]: B });
    expect(meta).toMatchObject({ columns: B, schemaId: schemaId(B) });
    expect(entrySchemaId(meta, meta.slots.s1!)).toBe(schemaId(A));
  });

  it('metadata from before schemas were recorded is brought up: its columns become a schema, its slots are stamped', () => {
    const legacy: StreamMetadata = { feed: 'f', kind: 'stream', source: 'F', columns: A, slots: { s1: slot('s1') }, updatedAt: '' };
    expect(entrySchemaId(legacy, legacy.slots.s1!)).toBe(schemaId(A)); // read as it is, before any write
    recordSchema(legacy, B);
    expect(legacy.schemas).toEqual({ [schemaId(A)]: A, [schemaId(B)]: B });
    expect(legacy.slots.s1!.schemaId).toBe(schemaId(A));
  });

  it('files are grouped by schema, the current one first, order kept within a group', () => {
    const files = [{ schemaId: 'a', n: 1 }, { schemaId: 'b', n: 2 }, { schemaId: 'a', n: 3 }, { schemaId: 'c', n: 4 }];
    expect(groupBySchema(files, 'c').map((g) => g.map((f) => f.n))).toEqual([[4], [1, 3], [2]]);
    expect(groupBySchema(files, 'gone').map((g) => g.map((f) => f.n))).toEqual([[1, 3], [2], [4]]);
  });
});
