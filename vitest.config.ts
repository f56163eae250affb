import { defineConfig } from 'vitest/config';

const TEMPORAL = './test/helpers/temporal-setup.ts';
const MARIADB = './test/helpers/mariadb-setup.ts';
const BUILD = './test/helpers/build-setup.ts';

/**
 * Three tiers, each a project: `unit` needs no service at all (the quick loop, `npm run test:unit`);
 * `workflows` runs the real workflow code on a Temporal dev server with stub activities;
 * `integration` adds MariaDB, the ksqlDB stand-in, compose and the built CLI (`dist/`, built once per
 * run). A project's global setup runs only when it has tests queued, so `--project unit` starts
 * nothing.
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
    ],
  },
});
