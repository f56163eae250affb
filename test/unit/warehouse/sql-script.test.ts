import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSqlScript } from '../../../warehouse/sql-script.js';
import { REPO_ROOT } from '../../helpers/services.js';

describe('readSqlScript', () => {
  it('classes CREATE DATABASE (keeping its options) and USE; every other statement stays verbatim', async () => {
    const first = await readSqlScript(join(REPO_ROOT, 'sql', '01_create_database.sql'));
    expect(first).toEqual([{ kind: 'create-database', options: 'CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci' }]);
    const dims = await readSqlScript(join(REPO_ROOT, 'sql', '02_create_dimension_tables.sql'));
    expect(dims.map((s) => s.kind)).toEqual(['use', 'statement', 'statement']);
    expect(dims[1]).toMatchObject({ sql: expect.stringMatching(/^CREATE TABLE IF NOT EXISTS dim_users \([\s\S]*utf8mb4_unicode_ci$/) });
  });

  it('every script after 01 starts with USE data_warehouse, so each runs alone with the plain mysql client', async () => {
    for (const file of ['02_create_dimension_tables.sql', '03_create_fact_tables.sql', '04_sample_queries.sql']) {
      expect([file, (await readSqlScript(join(REPO_ROOT, 'sql', file)))[0]]).toEqual([file, { kind: 'use' }]);
    }
  });
});
