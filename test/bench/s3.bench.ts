import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { StateSession } from '../../engine/state/index.js';
import { createS3Backend, type S3Settings } from '../../engine/state/s3/index.js';
import { createService } from '../integration/state/fixtures.js';
import { useS3Credentials } from '../integration/state/s3-store.js';
import { type RunningS3, radosgwMissing, startRadosgw } from '../support/s3-global.js';
import { report } from './report.js';

// The S3 journal's cost per change, on a real radosgw, with a small and a large state side by side.
const SMALL = 100;
const LARGE = 5_000;
const RECORDS = 100;
const WARMUP = 10;

let server: RunningS3 | undefined;
let stop: (() => Promise<void>) | undefined;
let missing: string | undefined;

beforeAll(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  missing = await radosgwMissing();
  if (missing) return;
  ({ server, stop } = await startRadosgw());
  useS3Credentials(server);
});

afterAll(async () => {
  await stop?.();
});

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

function settingsFor(key: string): S3Settings {
  return {
    bucket: server!.bucket,
    key,
    region: 'us-east-1',
    endpoint: server!.endpoint,
    compat: 'ceph',
    forcePathStyle: true,
  };
}

// Stores a state of `n` services at `key` and opens a session on it; returns how long the whole write took.
async function seeded(n: number, key: string): Promise<{ session: StateSession; wholeWrite: number }> {
  const seed = createS3Backend(settingsFor(key));
  const { state } = await seed.read();
  for (let i = 0; i < n; i++) {
    const c = createService(i);
    if (c.kind === 'set-instance') state.setInstance(c.addr, c.provider, c.instance);
  }
  const t0 = performance.now();
  await seed.write(state);
  const wholeWrite = performance.now() - t0;
  await seed.close();
  return { session: await StateSession.open(createS3Backend(settingsFor(key)), { operation: 'apply' }), wholeWrite };
}

it('records a change on S3 at a cost that does not grow with the state', async () => {
  if (missing) {
    console.warn(`[s3] skipping the S3 benchmark: ${missing}`);
    return;
  }
  const small = await seeded(SMALL, 'bench/small.json');
  const large = await seeded(LARGE, 'bench/large.json');
  // Alternate between the two, so that load on the machine hits both alike.
  const times = { small: [] as number[], large: [] as number[] };
  for (let i = 0; i < WARMUP + RECORDS; i++) {
    for (const [which, s, n] of [
      ['small', small, SMALL],
      ['large', large, LARGE],
    ] as const) {
      const change = createService(n + i);
      const t = performance.now();
      await s.session.record(change);
      if (i >= WARMUP) times[which].push(performance.now() - t);
    }
  }
  await small.session.close();
  await large.session.close();
  const stored = (await createS3Backend(settingsFor('bench/large.json')).read()).state.instanceCount;
  expect(stored).toBe(LARGE + WARMUP + RECORDS);
  const perRecord = { small: median(times.small), large: median(times.large) };
  const ratio = perRecord.large / perRecord.small;
  report({
    name: `S3 state journal on radosgw: one durable change with ${LARGE.toLocaleString('en')} instances in the state (median of ${RECORDS})`,
    value: perRecord.large,
    unit: 'ms',
    target: `flat: ratio to the same with ${SMALL} instances ≤ 1.5`,
    ratio: { value: ratio, against: `median with ${SMALL} instances (${perRecord.small.toFixed(2)} ms)` },
    met: ratio <= 1.5,
  });
  report({
    name: `S3 whole-state write of ${LARGE.toLocaleString('en')} instances (what a snapshot per change would cost)`,
    value: large.wholeWrite,
    unit: 'ms',
    target: 'once per operation, not once per change',
    ratio: { value: large.wholeWrite / perRecord.large, against: 'one journal record at the same size' },
    met: true,
  });
});
