import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration and e2e tests start real servers and processes; keep the pool small on 2-core machines.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A throwaway Ceph radosgw for the S3 backend tests (skipped, with the reason, when Ceph is not installed).
    globalSetup: ['test/support/s3-global.ts'],
  },
});
