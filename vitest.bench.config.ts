import { defineConfig } from 'vitest/config';

// `npm run bench`: each file under test/bench measures one figure side by side with its
// reference or lower bound and prints it through test/bench/report.ts. Not part of `npm test`.
export default defineConfig({
  test: {
    include: ['test/bench/**/*.bench.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
    // The pg benchmark needs the throwaway PostgreSQL the tests use.
    globalSetup: ['test/support/tmp-global.ts', 'test/support/postgres-global.ts'],
  },
});
