import { describe, expect, it } from 'vitest';
import { parseStatements } from '../../../standin/sql/parse-statements.js';
import { rowtimeWindow } from '../../../standin/sql/rowtime-window.js';

function windowOf(where: string) {
  const [statement] = parseStatements(`SELECT * FROM transaction_stream WHERE ${where};`);
  if (statement?.kind !== 'select') throw new Error('not a select');
  return rowtimeWindow(statement.query.where);
}

const T = Date.parse('2026-11-24T10:00:00Z');

describe('rowtimeWindow', () => {
  it.each<[string, number, number]>([
    [`ROWTIME >= ${T} AND ROWTIME < ${T + 3_600_000}`, T, T + 3_600_000],
    ["ROWTIME >= '2026-11-24T10:00:00' AND ROWTIME < '2026-11-24T11'", T, T + 3_600_000],
    [`${T} <= ROWTIME AND ${T + 5} > ROWTIME`, T, T + 5],
    [`ROWTIME > ${T} AND ROWTIME <= ${T + 5}`, T, T + 6],
    [`ROWTIME = ${T}`, T, T + 1],
    [`ROWTIME BETWEEN ${T} AND ${T + 9} AND user_id = 'user-1'`, T, T + 10],
    [`user_id = 'user-1' AND ROWTIME >= ${T}`, T, Infinity],
  ])('WHERE %s → [%d, %d)', (where, from, to) => expect(windowOf(where)).toEqual({ from, to }));

  it.each([
    `ROWTIME >= ${T} OR user_id = 'user-1'`,
    `NOT ROWTIME < ${T}`,
    `ROWTIME NOT BETWEEN ${T} AND ${T + 9}`,
    `ROWTIME <> ${T}`,
    'ROWTIME >= TIMESTAMP',
  ])('leaves WHERE %s open', (where) => expect(windowOf(where)).toEqual({ from: -Infinity, to: Infinity }));
});
