// The client's pacer against the emulator's token-bucket throttle: real SDK calls over HTTP.
import {
  type AppRunnerClient,
  DescribeServiceCommand,
  ListServicesCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-apprunner';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Pacer } from '../../../providers/apprunner/client-pacer.js';
import { RateController } from '../../../providers/apprunner/client-rate.js';
import { type RunningEmulator, startEmulator } from '../../../providers/apprunner/emulator/index.js';
import { createClient } from '../../../providers/apprunner/index.js';
import { REGION, rejection } from './helpers.js';

let em: RunningEmulator;
beforeAll(async () => {
  em = await startEmulator({ latency: 'instant', seed: 11 });
});
afterAll(() => em.close());
beforeEach(() => {
  em.admin.reset();
  em.admin.configure({ throttleRps: 0, faultRate: 0 });
  em.admin.resetStats();
});

function pacedClient(pacer: Pacer, maxAttempts?: number): AppRunnerClient {
  return createClient({
    region: REGION,
    endpoint: em.url,
    credentials: { accessKeyId: 't', secretAccessKey: 't' },
    pacer,
    ...(maxAttempts ? { maxAttempts } : {}),
  });
}

/** Runs `count` calls, at most `parallel` at a time, as a refresh does. */
async function pool<T>(count: number, parallel: number, call: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      out[i] = await call(i);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return out;
}

describe('the App Runner client pacer', () => {
  it('gets every request of a burst through a throttle, with few refusals, near the allowed rate', async () => {
    const limit = 50;
    const count = 300;
    em.admin.configure({ throttleRps: limit });
    const pacer = new Pacer();
    const client = pacedClient(pacer);
    try {
      const started = performance.now();
      const out = await pool(count, 16, () => client.send(new ListServicesCommand({})));
      const seconds = (performance.now() - started) / 1000;
      expect(out.filter((o) => Array.isArray(o.ServiceSummaryList))).toHaveLength(count);
      const stats = em.admin.stats();
      // No request lost or sent twice: every refusal was followed by exactly one more attempt.
      expect(stats.requests.ListServices).toBe(count + stats.throttled);
      expect(pacer.stats.throttled).toBe(stats.throttled);
      expect(stats.throttled).toBeGreaterThan(0);
      expect(stats.throttled).toBeLessThanOrEqual(count * 0.15);
      expect(pacer.control.limit).toBeLessThan(Number.POSITIVE_INFINITY);
      // The emulator's bucket starts full (one second's worth); the rest went out at the paced rate.
      const achieved = (count - limit) / seconds;
      expect(achieved / limit).toBeGreaterThan(0.7);
      expect(achieved / limit).toBeLessThan(1.1);
    } finally {
      client.destroy();
    }
  }, 60_000);

  it('cancels a request waiting for its turn as soon as its signal fires, without sending it', async () => {
    const pacer = new Pacer(new RateController({ minRate: 0.2 }));
    const client = pacedClient(pacer);
    try {
      // A throttle with nothing answered before it leaves the pacer at its floor: seconds between requests.
      pacer.throttled(pacer.clock());
      em.admin.resetStats();
      const ac = new AbortController();
      const pending = client.send(new ListServicesCommand({}), { abortSignal: ac.signal });
      setTimeout(() => ac.abort(new Error('stop')), 50);
      const e = await rejection(pending);
      expect(e.name).toBe('AbortError');
      expect(em.admin.stats().total).toBe(0);
      expect(pacer.stats.sent).toBe(0);
    } finally {
      client.destroy();
    }
  }, 30_000);

  it('surfaces errors other than throttling as before, once, and leaves faults to the standard retry', async () => {
    const pacer = new Pacer();
    const client = pacedClient(pacer, 3);
    try {
      const arn = `arn:aws:apprunner:${REGION}:000000000000:service/none/0123456789abcdef0123456789abcdef`;
      const missing = await rejection(client.send(new DescribeServiceCommand({ ServiceArn: arn })));
      expect(missing.name).toBe('ResourceNotFoundException');
      expect(em.admin.stats().total).toBe(1);

      em.admin.configure({ faultRate: 1 });
      em.admin.resetStats();
      const fault = await rejection(client.send(new ListTagsForResourceCommand({ ResourceArn: arn })));
      expect(fault.name).toBe('InternalServiceErrorException');
      expect(em.admin.stats().faults).toBe(3);
      expect(pacer.stats.throttled).toBe(0);
      expect(pacer.control.limit).toBe(Number.POSITIVE_INFINITY);
    } finally {
      client.destroy();
    }
  }, 30_000);

  it('retries throttled requests through a 10% fault rate until every one succeeds', async () => {
    em.admin.configure({ throttleRps: 20, faultRate: 0.1 });
    const pacer = new Pacer();
    const client = pacedClient(pacer);
    try {
      const out = await pool(60, 8, () => client.send(new ListServicesCommand({})));
      expect(out).toHaveLength(60);
      const stats = em.admin.stats();
      expect(stats.throttled).toBeGreaterThan(0);
      expect(stats.faults).toBeGreaterThan(0);
      expect(stats.requests.ListServices).toBe(60 + stats.throttled + stats.faults);
      expect(pacer.stats.throttled).toBe(stats.throttled);
    } finally {
      client.destroy();
    }
  }, 60_000);
});
