import { describe, expect, it } from 'vitest';
import { paginate } from '../../../../../providers/apprunner/emulator/pagination.js';
import { TokenBucket } from '../../../../../providers/apprunner/emulator/throttle.js';

describe('token bucket', () => {
  it('admits a burst of one second, then refills at the configured rate', () => {
    const b = new TokenBucket(3, 0);
    expect([b.tryTake(0), b.tryTake(0), b.tryTake(0), b.tryTake(0)]).toEqual([true, true, true, false]);
    expect(b.tryTake(200)).toBe(false);
    expect(b.tryTake(340)).toBe(true);
  });

  it('is unlimited at rate 0', () => {
    const b = new TokenBucket(0, 0);
    expect(Array.from({ length: 1000 }, () => b.tryTake(0)).every(Boolean)).toBe(true);
  });
});

describe('paginate', () => {
  it('returns everything without MaxResults and pages exactly with it', () => {
    const all = [1, 2, 3, 4, 5];
    expect(paginate(all, undefined, undefined)).toEqual({ items: all });
    const p1 = paginate(all, 2, undefined);
    const p2 = paginate(all, 2, p1.nextToken);
    const p3 = paginate(all, 2, p2.nextToken);
    expect([p1.items, p2.items, p3.items]).toEqual([[1, 2], [3, 4], [5]]);
    expect(p3.nextToken).toBeUndefined();
  });

  it('refuses a token it did not issue', () => {
    expect(() => paginate([1], 1, 'garbage')).toThrow(/NextToken/);
  });
});
