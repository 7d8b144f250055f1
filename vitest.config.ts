import { defineConfig } from 'vitest/config'

// Three suites: `unit` (pnpm test: SQLite, in-process oidc-provider, loopback servers),
// `pg` (the data-layer and refresh suites again on PostgreSQL; needs DATABASE_URL),
// `e2e` (headless Chromium; needs /usr/bin/chromium and a built SPA).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'apps/server/src/**/*.test.ts',
            // The SPA's pure functions (messages, colours); its pages are tested in Chromium (e2e).
            'apps/web/src/**/*.test.ts',
          ],
          // PostgreSQL-only files run in the `pg` project alone.
          exclude: ['**/node_modules/**', '**/*.pg.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'pg',
          // createTestDatabase() reads this: the same *.db.test.ts files, now on PostgreSQL.
          env: { SWITCHBOARD_TEST_DIALECT: 'postgres' },
          include: [
            'packages/*/src/**/*.pg.test.ts',
            'apps/server/src/**/*.pg.test.ts',
            'packages/*/src/**/*.db.test.ts',
            'apps/server/src/**/*.db.test.ts',
          ],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['apps/web/e2e/**/*.e2e.ts', 'apps/server/e2e/**/*.e2e.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
