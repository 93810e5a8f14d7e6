import { describe, expect, it } from 'vitest';
import { RateController } from '../../../../providers/apprunner/client-rate.js';

/** Sends as fast as the controller allows from `from` to `to` (ms), counting what went out. */
function drain(c: RateController, from: number, to: number): { sent: number; at: number } {
  let t = from;
  let sent = 0;
  while (t < to) {
    const wait = c.take(t);
    if (wait === 0) {
      sent++;
      c.succeeded(t);
    } else t += wait;
  }
  return { sent, at: t };
}

describe('RateController', () => {
  it('lets everything through until the first throttle', () => {
    const c = new RateController();
    for (let i = 0; i < 10_000; i++) expect(c.take(0)).toBe(0);
    expect(c.limit).toBe(Number.POSITIVE_INFINITY);
  });

  it('cuts to a share of the rate achieved over the last second when throttled', () => {
    const c = new RateController({ decrease: 0.8 });
    for (let i = 0; i < 100; i++) c.succeeded(500 + i);
    c.throttled(600, 600);
    expect(c.limit).toBeCloseTo(80, 5);
    // Successes older than the window no longer count.
    const d = new RateController({ decrease: 0.8 });
    for (let i = 0; i < 100; i++) d.succeeded(i);
    for (let i = 0; i < 50; i++) d.succeeded(2000 + i);
    d.throttled(2100, 2100);
    expect(d.limit).toBeCloseTo(40, 5);
  });

  it('makes one cut for the throttles of requests sent before that cut', () => {
    const c = new RateController({ decrease: 0.5 });
    for (let i = 0; i < 100; i++) c.succeeded(i);
    c.throttled(100, 110);
    const after = c.limit;
    for (let sent = 90; sent < 110; sent++) c.throttled(sent, 120);
    expect(c.limit).toBe(after);
    c.throttled(130, 140);
    expect(c.limit).toBeLessThan(after);
  });

  it('never falls below its floor', () => {
    const c = new RateController({ minRate: 2 });
    for (let t = 0; t < 50; t++) c.throttled(t * 10, t * 10);
    expect(c.limit).toBe(2);
  });

  it('paces at the learned rate and climbs back over real time while requests queue', () => {
    const c = new RateController({ decrease: 0.8, recoverS: 2, burstS: 0.1 });
    for (let i = 0; i < 100; i++) c.succeeded(i);
    c.throttled(100, 100);
    expect(c.limit).toBeCloseTo(80, 5);
    // The first second after the cut goes out near 80 requests/s, rising toward 90.
    const first = drain(c, 100, 1100);
    expect(first.sent / 85).toBeGreaterThan(0.9);
    expect(first.sent / 85).toBeLessThan(1.1);
    // Two seconds of queueing bring it back to the rate that was cut, and it keeps probing above.
    drain(c, first.at, 2100);
    expect(c.limit / 100).toBeGreaterThan(0.98);
    drain(c, 2100, 4100);
    expect(c.limit / 120).toBeGreaterThan(0.98);
  });

  it('does not climb while demand stays below the rate', () => {
    const c = new RateController({ decrease: 0.5 });
    for (let i = 0; i < 100; i++) c.succeeded(i);
    c.throttled(100, 100);
    const cut = c.limit;
    // One request a second for a minute: the bucket stays full, so the rate stays where it was.
    for (let t = 1100; t < 61_100; t += 1000) {
      expect(c.take(t)).toBe(0);
      c.succeeded(t);
    }
    expect(c.limit).toBeCloseTo(cut, 1);
  });

  it('starts from an empty bucket after a cut, so no burst follows a throttle', () => {
    const c = new RateController({ decrease: 0.5 });
    for (let i = 0; i < 100; i++) c.succeeded(i);
    c.throttled(100, 100);
    expect(c.take(100)).toBeGreaterThan(0);
  });
});
