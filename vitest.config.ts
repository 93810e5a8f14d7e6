import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration and e2e tests start real servers and processes; keep the pool small on 2-core machines.
    pool: 'forks',
    maxWorkers: 2,
    // Several end-to-end tests take 10-12 s on an idle 2-core machine; a loaded one may take far longer.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One temporary folder for the run (removed at its end), then throwaway servers for the pg and S3
    // backend tests (skipped with a reason when they cannot run).
    globalSetup: ['test/support/tmp-global.ts', 'test/support/postgres-global.ts', 'test/support/s3-global.ts'],
  },
});
