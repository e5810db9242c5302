import { defineConfig } from 'vitest/config';

// One runner, four projects: `npm test` (scripts/test.mjs) runs them in order so a failing
// domain rule stops the run before the slower server and browser suites start.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'domain',
          include: ['packages/domain/src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'web',
          include: ['apps/web/src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'server',
          include: ['apps/server/src/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Server tests share one PostgreSQL database when TEST_DATABASE_URL is set; each file
          // makes its own schema, but files still run one at a time to keep 2 cores responsive.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/src/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
