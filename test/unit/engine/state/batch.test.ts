import { describe, expect, it } from 'vitest';
import { WriteBatcher } from '../../../../engine/state/batch.js';

// The batcher under every change journal: items pushed while a write is in flight go together in
// the next write, in push order; the items of a batch share one outcome.

/** A batcher whose writes wait until the test lets them finish (or fail). */
function controlled() {
  const writes: { batch: readonly number[]; finish: (e?: Error) => void }[] = [];
  const b = new WriteBatcher<number>(
    (batch) =>
      new Promise<void>((resolve, reject) => {
        writes.push({ batch, finish: (e) => (e ? reject(e) : resolve()) });
      }),
  );
  return { b, writes };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('WriteBatcher', () => {
  it('writes the first item at once and everything pushed meanwhile as the next batch, in order', async () => {
    const { b, writes } = controlled();
    const settled: number[] = [];
    const ps = [1, 2, 3, 4].map((i) => b.push(i).then(() => void settled.push(i)));
    expect(writes.map((w) => w.batch)).toEqual([[1]]);
    writes[0]!.finish();
    await tick();
    expect(settled).toEqual([1]);
    expect(writes.map((w) => w.batch)).toEqual([[1], [2, 3, 4]]);
    writes[1]!.finish();
    await Promise.all(ps);
    expect(settled).toEqual([1, 2, 3, 4]);
    await b.idle();
  });

  it('gives the items of one batch one promise, and each batch its own', () => {
    const { b } = controlled();
    const first = b.push(1);
    const second = b.push(2);
    const third = b.push(3);
    expect(second).toBe(third);
    expect(first).not.toBe(second);
  });

  it('rejects every item of a failed batch, and only those', async () => {
    const { b, writes } = controlled();
    const first = b.push(1);
    const second = b.push(2);
    const third = b.push(3);
    writes[0]!.finish();
    await first;
    writes[1]!.finish(new Error('disk full'));
    await expect(second).rejects.toThrow('disk full');
    await expect(third).rejects.toThrow('disk full');
    const fourth = b.push(4);
    writes[2]!.finish();
    await expect(fourth).resolves.toBeUndefined();
    expect(writes.map((w) => w.batch)).toEqual([[1], [2, 3], [4]]);
  });
});
