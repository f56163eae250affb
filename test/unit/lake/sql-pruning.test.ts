import { describe, expect, it } from 'vitest';
import { dateFilter, tableAtVersions } from '../../../lake/read/sql-pruning.js';

const DAYS = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26'];
const kept = (sql: string) => {
  const filter = dateFilter(sql, 'payments');
  return filter ? DAYS.filter(filter) : null;
};

describe('dateFilter', () => {
  it('reads plain date comparisons ANDed in the WHERE clause', () => {
    expect(kept(`SELECT count(*) FROM payments WHERE date = '2026-11-25'`)).toEqual(['2026-11-25']);
    expect(kept(`SELECT * FROM payments WHERE amount > 3 AND date >= DATE '2026-11-24' AND date < '2026-11-26' ORDER BY id`)).toEqual(['2026-11-24', '2026-11-25']);
    expect(kept(`SELECT * FROM payments WHERE date BETWEEN '2026-11-24' AND '2026-11-25' GROUP BY ALL`)).toEqual(['2026-11-24', '2026-11-25']);
    expect(kept(`SELECT * FROM payments WHERE date IN ('2026-11-23', '2026-11-26')`)).toEqual(['2026-11-23', '2026-11-26']);
  });

  it('gives up (fetch everything) whenever a row outside the dates could still count', () => {
    expect(kept(`SELECT * FROM payments WHERE date = '2026-11-25' OR amount > 3`)).toBeNull();
    expect(kept(`SELECT * FROM payments WHERE NOT date = '2026-11-25'`)).toBeNull();
    expect(kept(`SELECT count(*) FILTER (WHERE date = '2026-11-25') FROM payments`)).toBeNull();
    expect(kept(`SELECT * FROM payments a JOIN payments b USING (id) WHERE a.date = '2026-11-25'`)).toBeNull();
    expect(kept(`SELECT * FROM payments WHERE id IN (SELECT id FROM other WHERE date = '2026-11-25')`)).toBeNull();
    expect(kept(`SELECT * FROM payments ORDER BY date = '2026-11-25'`)).toBeNull();
    expect(kept(`SELECT * FROM payments WHERE amount > 3 ORDER BY date = '2026-11-25'`)).toBeNull();
    expect(kept(`SELECT * FROM payments WHERE date::VARCHAR = '2026-11-25'`)).toBeNull();
    expect(kept(`SELECT * FROM payments`)).toBeNull();
  });

  it('is not fooled by words inside string literals', () => {
    expect(kept(`SELECT * FROM payments WHERE id = 'or' AND date = '2026-11-24'`)).toEqual(['2026-11-24']);
  });
});

describe('tableAtVersions', () => {
  it('collects literal calls, and gives up on any other', () => {
    expect(tableAtVersions(`SELECT * FROM table_at('totals', 2) UNION ALL SELECT * FROM table_at('totals', 3)`, 'table_at')).toEqual(new Map([['totals', new Set([2, 3])]]));
    expect(tableAtVersions(`SELECT * FROM table_at('totals', (SELECT 2))`, 'table_at')).toBeNull();
    expect(tableAtVersions(`SELECT 1 -- table_at`, 'table_at')).toBeNull();
  });
});
