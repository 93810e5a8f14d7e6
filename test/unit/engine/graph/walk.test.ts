import { describe, expect, it } from 'vitest';
import { Graph, GraphCycleError, walk } from '../../../../engine/graph/index.js';

/** A promise with its resolver outside, to sequence visits without timers. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('walk', () => {
  it('starts a node only after all its dependencies succeeded', async () => {
    const g = new Graph().addDependency('app', 'db').addDependency('app', 'cfg').addDependency('db', 'vpc');
    const finished = new Set<string>();
    const r = await walk(g, async (n) => {
      for (const d of g.dependenciesOf(n)) expect(finished.has(d)).toBe(true);
      await Promise.resolve();
      finished.add(n);
    });
    expect(finished.size).toBe(4);
    expect([...r.outcomes.values()].every((o) => o.status === 'succeeded')).toBe(true);
    expect(r.errors).toEqual([]);
  });

  it('runs independent nodes at the same time', async () => {
    const g = new Graph().addNode('a').addNode('b');
    const started = { a: deferred(), b: deferred() };
    // Each visit waits until the other has started: this only completes if both are in flight together.
    const r = await walk(g, async (n) => {
      const me = n as 'a' | 'b';
      started[me].resolve();
      await started[me === 'a' ? 'b' : 'a'].promise;
    });
    expect(r.outcomes.get('a')?.status).toBe('succeeded');
    expect(r.outcomes.get('b')?.status).toBe('succeeded');
  });

  it('never has more visits in flight than the parallelism bound', async () => {
    const g = new Graph();
    for (let i = 0; i < 20; i++) g.addNode(`n${i}`);
    let now = 0;
    let peak = 0;
    await walk(
      g,
      async () => {
        now++;
        peak = Math.max(peak, now);
        await new Promise((r) => setImmediate(r));
        now--;
      },
      { parallelism: 3 },
    );
    expect(peak).toBe(3);
  });

  it('skips everything downstream of a failure, reports only the root cause, and lets other branches finish', async () => {
    // vpc <- db <- app <- dns ; vpc <- cache ; logs (independent)
    const g = new Graph()
      .addDependency('db', 'vpc')
      .addDependency('app', 'db')
      .addDependency('dns', 'app')
      .addDependency('cache', 'vpc')
      .addNode('logs');
    const visited: string[] = [];
    const boom = new Error('db create failed');
    const r = await walk(g, async (n) => {
      visited.push(n);
      if (n === 'db') throw boom;
    });
    expect(r.errors).toEqual([{ node: 'db', error: boom }]);
    expect(r.outcomes.get('db')).toEqual({ status: 'failed', error: boom });
    expect(r.outcomes.get('app')).toEqual({ status: 'skipped', cause: 'db' });
    expect(r.outcomes.get('dns')).toEqual({ status: 'skipped', cause: 'db' });
    expect(r.outcomes.get('cache')?.status).toBe('succeeded');
    expect(r.outcomes.get('logs')?.status).toBe('succeeded');
    expect(visited).not.toContain('app');
    expect(visited).not.toContain('dns');
  });

  it('treats a synchronous throw as a failure of that node', async () => {
    const g = new Graph().addDependency('b', 'a');
    const r = await walk(g, (n) => {
      if (n === 'a') throw new Error('sync');
    });
    expect(r.outcomes.get('a')?.status).toBe('failed');
    expect(r.outcomes.get('b')).toEqual({ status: 'skipped', cause: 'a' });
  });

  it('walks dependents first in reverse, for destroy', async () => {
    const g = new Graph().addDependency('app', 'db').addDependency('db', 'vpc');
    const order: string[] = [];
    await walk(g, (n) => void order.push(n), { direction: 'reverse' });
    expect(order).toEqual(['app', 'db', 'vpc']);
  });

  it('starts nothing after an abort, hands the signal to in-flight visits and reports the rest as cancelled', async () => {
    const g = new Graph().addNode('slow').addNode('other').addDependency('after', 'slow');
    const ac = new AbortController();
    const slowStarted = deferred();
    const seen: string[] = [];
    const pending = walk(
      g,
      (n, signal) => {
        seen.push(n);
        if (n === 'other') return;
        slowStarted.resolve();
        return new Promise<void>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
      },
      { signal: ac.signal, parallelism: 1 },
    );
    await slowStarted.promise;
    ac.abort();
    const r = await pending;
    expect(seen).toEqual(['slow']);
    expect(r.outcomes.get('slow')?.status).toBe('cancelled');
    expect(r.outcomes.get('other')?.status).toBe('cancelled');
    expect(r.outcomes.get('after')?.status).toBe('cancelled');
    expect(r.errors).toEqual([]);
  });

  it('visits nothing when the signal is already aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    const r = await walk(new Graph().addNode('a'), () => expect.unreachable(), { signal: ac.signal });
    expect(r.outcomes.get('a')?.status).toBe('cancelled');
  });

  it('refuses a graph with a cycle, naming the cycle', async () => {
    const g = new Graph().addDependency('a', 'b').addDependency('b', 'a');
    await expect(walk(g, () => {})).rejects.toBeInstanceOf(GraphCycleError);
  });

  it('walks a 10,000-node graph in dependency order, skipping a failed subtree exactly', async () => {
    // A layered graph: node i depends on i-1 and on i-100 (when they exist).
    const n = 10_000;
    const g = new Graph();
    for (let i = 0; i < n; i++) {
      g.addNode(`n${i}`);
      if (i >= 1) g.addDependency(`n${i}`, `n${i - 1}`);
      if (i >= 100) g.addDependency(`n${i}`, `n${i - 100}`);
    }
    const done = new Set<string>();
    let outOfOrder = 0;
    const r = await walk(g, async (id) => {
      for (const d of g.dependenciesOf(id)) if (!done.has(d)) outOfOrder++;
      done.add(id);
      if (id === 'n5000') throw new Error('fail');
    });
    expect(outOfOrder).toBe(0);
    expect(r.errors.map((e) => e.node)).toEqual(['n5000']);
    const counts = { succeeded: 0, failed: 0, skipped: 0, cancelled: 0 };
    for (const o of r.outcomes.values()) counts[o.status]++;
    expect(counts).toEqual({ succeeded: 5000, failed: 1, skipped: 4999, cancelled: 0 });
  });
});
