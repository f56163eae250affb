import { describe, expect, it } from 'vitest';
import { summarizeGrants } from '../../../client/doctor/mysql-grants.js';

describe('summarizeGrants', () => {
  it('counts ALL PRIVILEGES on *.* as everything', () => {
    expect(summarizeGrants(['GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION'], 'dw')).toEqual({ missing: [], viaRoles: false });
  });

  it('reads database-level grants, LIKE patterns included, and ignores other databases', () => {
    const lines = [
      "GRANT USAGE ON *.* TO 'etl'@'%' IDENTIFIED BY PASSWORD '*ABC'",
      'GRANT SELECT, INSERT ON `ksql\\_etl%`.* TO `etl`@`%`',
      'GRANT UPDATE, CREATE ON `other`.* TO `etl`@`%`',
    ];
    expect(summarizeGrants(lines, 'ksql_etl_x').missing).toEqual(['UPDATE', 'CREATE']);
    expect(summarizeGrants(lines, 'ksqlXetl_x').missing).toEqual(['SELECT', 'INSERT', 'UPDATE', 'CREATE']);
  });

  it('does not count table or column grants, and notices roles', () => {
    const lines = ['GRANT SELECT (user_id) ON `dw`.`dim_users` TO `etl`@`%`', 'GRANT INSERT ON `dw`.`facts` TO `etl`@`%`', 'GRANT `loader` TO `etl`@`%`'];
    expect(summarizeGrants(lines, 'dw')).toEqual({ missing: ['SELECT', 'INSERT', 'UPDATE', 'CREATE'], viaRoles: true });
  });
});
