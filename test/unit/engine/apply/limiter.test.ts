import { describe, expect, it } from 'vitest';
import { CallLimiter, NotStarted } from '../../../../engine/apply/limiter.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('CallLimiter', () => {
  it('runs at most its limit at once, the waiting ones in the order they came', async () => {
    const l = new CallLimiter(2);
    let active = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        l.run(async () => {
          order.push(i);
          most = Math.max(most, ++active);
          await tick();
          active--;
        }),
      ),
    );
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('on close turns the waiting calls away with NotStarted and lets the running ones finish', async () => {
    const l = new CallLimiter(1);
    let release!: () => void;
    const running = l.run(() => new Promise<string>((r) => (release = () => r('done'))));
    const waiting = l.run(async () => 'never');
    await tick();
    l.close();
    await expect(waiting).rejects.toBeInstanceOf(NotStarted);
    await expect(l.run(async () => 'late')).rejects.toBeInstanceOf(NotStarted);
    release();
    await expect(running).resolves.toBe('done');
  });
});
