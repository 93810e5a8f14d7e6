import { describe, expect, it } from 'vitest';
import { LocalBackend, LockError } from '../../../engine/state/index.js';
import { Stack } from '../../support/stack.js';

// runPlan with and without the state lock: held from before the read until the plan is made,
// released however the plan ends, and never taken when the caller asks for no lock.

const hcl = `
resource "test_thing" "a" {
  name = "a"
}
`;

/** A stack with one applied resource whose reads take `readMs` (and fail when `failRead` says so). */
async function applied(readMs: number, failRead = () => false): Promise<Stack> {
  const s = new Stack(hcl, {
    behaviour: {
      delayMs: (op) => (op === 'read' ? readMs : 0),
      fail: (op) => (op === 'read' && failRead() ? 'before' : undefined),
    },
  });
  const r = await s.apply();
  expect(r.diagnostics).toEqual([]);
  return s;
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
};

/** Takes and drops the lock through a second handle; returns the error when it is held. */
async function probe(dir: string): Promise<LockError | undefined> {
  const other = new LocalBackend({ dir });
  try {
    const info = await other.lock({ operation: 'probe' });
    await other.unlock(info.id);
    return undefined;
  } catch (e) {
    if (e instanceof LockError) return e;
    throw e;
  }
}

describe('plan and the state lock', () => {
  it('holds the lock as operation "plan" while refreshing, and releases it when the plan is made', async () => {
    const s = await applied(300);
    const planning = s.plan({}, true, { lock: {} });
    await until(() => s.calls('read').length > 0);
    const held = await probe(s.dir);
    expect(held?.holder?.operation).toBe('plan');
    expect(held?.holder?.pid).toBe(process.pid);
    const r = await planning;
    expect(r.diagnostics).toEqual([]);
    expect(r.plan?.changes.map((c) => c.action)).toEqual(['no-op']);
    expect(await probe(s.dir)).toBeUndefined();
  });

  it('takes no lock without the lock option, and plans even while another run holds it', async () => {
    const s = await applied(0);
    const other = new LocalBackend({ dir: s.dir });
    const info = await other.lock({ operation: 'apply' });
    try {
      const free = await s.plan();
      expect(free.diagnostics).toEqual([]);
      expect(free.plan?.changes.map((c) => c.action)).toEqual(['no-op']);
      const locked = await s.plan({}, true, { lock: { timeoutMs: 200 } });
      expect(locked.plan).toBeUndefined();
      expect(locked.diagnostics.map((d) => d.detail).join('\n')).toMatch(/locked by .*after waiting/);
      expect(locked.diagnostics.map((d) => d.detail).join('\n')).toContain(`runform force-unlock ${info.id}`);
    } finally {
      await other.unlock(info.id);
    }
  });

  it('releases the lock when the refresh fails', async () => {
    let failing = false;
    const s = await applied(0, () => failing);
    failing = true;
    const r = await s.plan({}, true, { lock: {} });
    expect(r.diagnostics.map((d) => d.summary)).toContain('Cannot read a resource');
    expect(await probe(s.dir)).toBeUndefined();
  });

  it('an aborted plan (an interrupt) stops its reads, says so and releases the lock', async () => {
    const s = await applied(5_000);
    const ctl = new AbortController();
    const planning = s.plan({}, true, { lock: {}, signal: ctl.signal });
    await until(() => s.calls('read').length > 0);
    ctl.abort();
    const r = await planning;
    expect(r.plan).toBeUndefined();
    expect(r.diagnostics.map((d) => d.summary)).toEqual(['Plan interrupted']);
    expect(s.provider.calls.find((c) => c.op === 'read')?.error).toBeDefined();
    expect(await probe(s.dir)).toBeUndefined();
  });
});
