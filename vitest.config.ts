import { defineConfig } from 'vitest/config';

const TEMPORAL = './test/helpers/temporal-setup.ts';
const MARIADB = './test/helpers/mariadb-setup.ts';
const BUILD = './test/helpers/build-setup.ts';
const S3 = './test/helpers/s3-setup.ts';

/**
 * Five tiers, each a project: `unit` needs no service at all (the quick loop, `npm run test:unit`);
 * `workflows` runs the real workflow code on a Temporal dev server with stub activities;
 * `integration` adds MariaDB, the ksqlDB stand-in, compose and the built CLI (`dist/`, built once per
 * run); `s3` adds SeaweedFS (a real S3 server, ~12 s to start) for the lake on object storage. A
 * fifth, `faults`, kills workers and servers on purpose for minutes, so `npm test` leaves it out and
 * `npm run test:faults` (and CI) runs it. A project's global setup runs only when it has tests
 * queued, so `--project unit` starts nothing.
 */
export default defineConfig({
  test: {
    // Temporal's native bridge segfaults under worker threads; forks give each file its own process.
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'workflows', include: ['test/workflows/**/*.test.ts'], globalSetup: [TEMPORAL] } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'], globalSetup: [BUILD, TEMPORAL, MARIADB] } },
      // Suites that need a real S3 server (SeaweedFS, ~12 s to start): their own tier, so the others never wait for it.
      { extends: true, test: { name: 's3', include: ['test/s3/**/*.test.ts'], globalSetup: [BUILD, TEMPORAL, MARIADB, S3] } },
      // Not in `npm test` (it kills and restarts workers, servers and ksqlDB for minutes): `npm run test:faults`.
      { extends: true, test: { name: 'faults', include: ['test/faults/**/*.test.ts'], globalSetup: [BUILD, TEMPORAL, MARIADB], testTimeout: 600_000 } },
    ],
  },
});
