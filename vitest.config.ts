import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Temporal's native bridge segfaults under worker threads; forks give each file its own process.
    pool: 'forks',
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/helpers/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
