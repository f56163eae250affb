import type { KsqlType } from '../../ksqldb/ksql-type.js';
import type { ParsedFaultRule } from '../faults/fault-rule.js';
import type { PlanColumn } from '../sql/plan-query.js';

/**
 * Faults that change what the rows look like rather than how the body is delivered: a column
 * appearing, disappearing or changing type (schema drift between two exports) and one value of the
 * wrong type.
 */
const STRING: KsqlType = { kind: 'scalar', name: 'STRING' };

export interface ShapedColumns {
  columns: PlanColumn[];
  reshape: (row: unknown[]) => unknown[];
}

export function applySchemaFault(columns: PlanColumn[], fault: ParsedFaultRule | undefined): ShapedColumns {
  if (fault?.fault === 'schemaAdded') {
    return { columns: [...columns, { name: 'EXTRA_COLUMN', type: STRING, key: false }], reshape: (row) => [...row, 'extra'] };
  }
  if (fault?.fault === 'schemaRemoved') {
    const drop = columns.findLastIndex((c) => !c.key && c.name !== 'ROWTIME');
    if (drop >= 0) {
      return { columns: columns.filter((_, i) => i !== drop), reshape: (row) => row.filter((_, i) => i !== drop) };
    }
  }
  if (fault?.fault === 'schemaRetyped') {
    // The last value column that is not a STRING becomes one: a type change, same name.
    const retype = columns.findLastIndex((c) => !c.key && c.name !== 'ROWTIME' && !(c.type.kind === 'scalar' && c.type.name === 'STRING'));
    if (retype >= 0) {
      return {
        columns: columns.map((c, i) => (i === retype ? { ...c, type: STRING } : c)),
        reshape: (row) => row.map((v, i) => (i !== retype || v === null ? v : typeof v === 'object' ? JSON.stringify(v) : String(v))),
      };
    }
  }
  return { columns, reshape: (row) => row };
}

/** The row with a string where a number belongs (AMOUNT = "abc" on the transaction stream). */
export function withWrongType(row: unknown[], columns: readonly PlanColumn[]): unknown[] {
  const isType = (c: PlanColumn, names: string[]) => c.type.kind === 'scalar' && names.includes(c.type.name);
  let index = columns.findIndex((c) => c.name !== 'ROWTIME' && isType(c, ['DOUBLE']));
  if (index < 0) index = columns.findIndex((c) => c.name !== 'ROWTIME' && isType(c, ['INTEGER', 'BIGINT']));
  const copy = [...row];
  if (index < 0) copy[0] = 12345; // no number column: a number where a string belongs instead
  else copy[index] = 'abc';
  return copy;
}
