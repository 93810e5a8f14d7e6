import { describe, expect, it } from 'vitest';
import { isThrottling, Pacer } from '../../../../providers/apprunner/client-pacer.js';
import { RateController } from '../../../../providers/apprunner/client-rate.js';

/** A pacer already cut to about `rps` requests per second, with an empty bucket. */
function cutPacer(rps: number): Pacer {
  const pacer = new Pacer(new RateController({ decrease: 1 }));
  const now = pacer.clock();
  for (let i = 0; i < rps; i++) pacer.succeeded();
  pacer.throttled(now);
  return pacer;
}

describe('Pacer', () => {
  it('sends a throttled request again ahead of requests not yet sent', async () => {
    const pacer = cutPacer(50);
    const order: string[] = [];
    const signal = new AbortController().signal;
    await Promise.all([
      pacer.acquire(signal).then(() => order.push('new-1')),
      pacer.acquire(signal).then(() => order.push('new-2')),
      pacer.acquire(signal, true).then(() => order.push('retry')),
    ]);
    expect(order).toEqual(['retry', 'new-1', 'new-2']);
    expect(pacer.stats.sent).toBe(3);
  });

  it('lets later requests through when an earlier waiter is cancelled', async () => {
    const pacer = cutPacer(20);
    const ac = new AbortController();
    const first = pacer.acquire(ac.signal);
    const second = pacer.acquire(undefined);
    ac.abort();
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    await second;
    expect(pacer.stats.sent).toBe(1);
  });

  it('refuses at once a request whose signal has already fired', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(new Pacer().acquire(ac.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('isThrottling', () => {
  it('recognises throttling by error code, by HTTP 429 and by the retryable trait, and nothing else', () => {
    expect(isThrottling({ name: 'ThrottlingException' })).toBe(true);
    expect(isThrottling({ name: 'TooManyRequestsException' })).toBe(true);
    expect(isThrottling({ name: 'Other', $metadata: { httpStatusCode: 429 } })).toBe(true);
    expect(isThrottling({ name: 'Other', $retryable: { throttling: true } })).toBe(true);
    expect(isThrottling({ name: 'InternalServiceErrorException', $metadata: { httpStatusCode: 500 } })).toBe(false);
    expect(isThrottling({ name: 'InvalidStateException', $retryable: { throttling: false } })).toBe(false);
    expect(isThrottling('ThrottlingException')).toBe(false);
    expect(isThrottling(null)).toBe(false);
  });
});
