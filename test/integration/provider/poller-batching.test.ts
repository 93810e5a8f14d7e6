import { afterEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../providers/provider.js';
import { context, type Harness, harness, serviceArgs } from './helpers.js';

// Ten services created at once against realistic (scaled) durations: the waits poll many times
// each, so per-service polling shows up plainly in the emulator's request counters.
const COUNT = 10;

async function createMany(h: Harness): Promise<Record<string, number>> {
  h.em.admin.resetStats();
  const res = h.provider.resources.apprunner_service;
  const made = await Promise.all(
    Array.from({ length: COUNT }, (_, i) =>
      res.create({ args: serviceArgs(`batch-${i}`) as unknown as JsonObject }, context(`apprunner_service.b${i}`)),
    ),
  );
  expect(made.every((a) => a.status === 'RUNNING')).toBe(true);
  return h.em.admin.stats().requests;
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('shared poller', () => {
  it('follows ten concurrent creates through ListServices pages, not one call per service per poll', async () => {
    const emulator = { latency: 'realistic' as const, timeScale: 200, jitter: 0 };
    h = await harness(emulator, { waitScale: 200 });
    const batched = await createMany(h);
    await h.close();
    h = await harness(emulator, { waitScale: 200, batchThreshold: Number.POSITIVE_INFINITY });
    const single = await createMany(h);

    const polls = (r: Record<string, number>) =>
      (r.ListServices ?? 0) + (r.ListOperations ?? 0) + (r.DescribeService ?? 0);
    // Reported so that the numbers can be quoted.
    console.log(`10 creates — batched: ${JSON.stringify(batched)}; per service: ${JSON.stringify(single)}`);
    expect(batched.ListServices ?? 0).toBeGreaterThan(0);
    // Each service's operation is fetched about once (when its status moved), not on every poll.
    expect(batched.ListOperations ?? 0).toBeLessThanOrEqual(COUNT * 2);
    // No DescribeService at all: never to poll, and not after the create either (CreateService's
    // answer and the operation's end say what a read would).
    expect(batched.DescribeService ?? 0).toBe(0);
    expect(single.ListServices ?? 0).toBe(0);
    expect(polls(batched)).toBeLessThan(polls(single));
  }, 60_000);
});

describe('a lone service', () => {
  it('polls ListOperations a handful of times per operation and never DescribeService to wait', async () => {
    h = await harness({ latency: 'realistic', timeScale: 200, jitter: 0 }, { waitScale: 200 });
    const res = h.provider.resources.apprunner_service;
    const ctx = context('apprunner_service.one');
    h.em.admin.resetStats();
    const a = await res.create({ args: serviceArgs('lone-1') as unknown as JsonObject }, ctx);
    const b = await res.update(
      {
        args: {
          ...(serviceArgs('lone-1') as unknown as JsonObject),
          instance_configuration: { cpu: '2 vCPU', memory: '4 GB' },
        },
        prior: a,
        changed: ['instance_configuration'],
      },
      ctx,
    );
    await res.delete({ prior: b }, ctx);
    const r = h.em.admin.stats().requests;
    console.log(`create → update → delete of one service: ${JSON.stringify(r)}`);
    expect(r.ListServices ?? 0).toBe(0);
    // Three operations, each ending near its expected duration: at most a dozen polls each.
    expect(r.ListOperations).toBeGreaterThanOrEqual(3);
    expect(r.ListOperations).toBeLessThanOrEqual(36);
    // DescribeService only to read the result of the update (a create's answer is its result).
    expect(r.DescribeService).toBe(1);
  }, 60_000);
});
