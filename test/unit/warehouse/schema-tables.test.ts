import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { factTablesDefined } from '../../../warehouse/fact-tables.js';
import { parseCreateTable, schemaTables } from '../../../warehouse/schema-tables.js';
import { REPO_ROOT } from '../../helpers/services.js';

describe('schemaTables', () => {
  it('reads columns, not keys or constraints, through nested parentheses and quoted commas', () => {
    const table = parseCreateTable(`CREATE TABLE IF NOT EXISTS \`fact_x\` (
      id BIGINT NOT NULL AUTO_INCREMENT,
      amount DECIMAL(10, 2) NULL COMMENT 'rounded, to cents',
      \`user_id\` VARCHAR(64) NOT NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq (amount, user_id),
      KEY ix (user_id),
      CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES dim_users (user_id) ON DELETE CASCADE
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4`);
    expect(table).toEqual({ name: 'fact_x', columns: ['id', 'amount', 'user_id'] });
    expect(parseCreateTable('CREATE DATABASE IF NOT EXISTS dw')).toBeNull();
  });

  it('finds every table the schema files create, each with columns', async () => {
    const tables = await schemaTables(join(REPO_ROOT, 'sql'));
    const facts = await factTablesDefined(join(REPO_ROOT, 'sql'));
    expect(facts.size).toBeGreaterThan(0);
    for (const fact of facts) expect(tables.map((t) => t.name)).toContain(fact);
    for (const table of tables) expect(table.columns.length, table.name).toBeGreaterThan(0);
  });
});
