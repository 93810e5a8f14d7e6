import { readFileSync, writeFileSync } from 'node:fs';
import type { Provider } from '../../providers/provider.js';
import { createTestProvider } from './provider.js';

// The test provider for the CLI run as a process: the cloud lives in RUNFORM_TEST_CLOUD, creates
// take RUNFORM_TEST_DELAY_MS, reads RUNFORM_TEST_READ_DELAY_MS, and RUNFORM_TEST_FAIL names an
// address whose create fails. RUNFORM_TEST_CLOUD_SEED instead names a snapshot read once into an
// in-memory cloud (benchmarks: a file-backed cloud rereads its file on every call).
// RUNFORM_TEST_CALLS names a file that gets the calls made, as [op, address] pairs, when the
// process exits.

/** The providers the CLI loads through its test hook. */
export function createProviders(): Provider[] {
  const delay = Number(process.env.RUNFORM_TEST_DELAY_MS ?? '0');
  const readDelay = Number(process.env.RUNFORM_TEST_READ_DELAY_MS ?? '0');
  const failAt = process.env.RUNFORM_TEST_FAIL;
  const seed = process.env.RUNFORM_TEST_CLOUD_SEED;
  const provider = createTestProvider({
    ...(process.env.RUNFORM_TEST_CLOUD ? { file: process.env.RUNFORM_TEST_CLOUD } : {}),
    behaviour: {
      delayMs: (op) => (op === 'create' || op === 'delete' || op === 'update' ? delay : op === 'read' ? readDelay : 0),
      fail: (op, address) => (op === 'create' && address === failAt ? 'before' : undefined),
    },
  });
  if (seed) provider.cloud.restore(readFileSync(seed, 'utf8'));
  const log = process.env.RUNFORM_TEST_CALLS;
  if (log) process.on('exit', () => writeFileSync(log, JSON.stringify(provider.calls.map((c) => [c.op, c.address]))));
  return [provider];
}
