import { describe, expect, it } from 'vitest';
import { StateSession } from '../../../engine/state/index.js';
import { Stack } from '../../support/stack.js';

const chain = `
resource "test_thing" "a" {
  name = "a"
}
resource "test_thing" "b" {
  name = "b"
  note = test_thing.a.id
}
`;

describe('interrupts', () => {
  it('a graceful stop lets the in-flight create finish, starts nothing new, saves the state and unlocks', async () => {
    const s = new Stack(chain, { behaviour: { delayMs: (op) => (op === 'create' ? 40 : 0) } });
    const stop = new AbortController();
    const r = await s.apply(
      {},
      { stop: stop.signal, onEvent: (e) => e.kind === 'start' && e.address === 'test_thing.a' && stop.abort() },
    );
    expect(r.result?.interrupted).toBe(true);
    expect(r.diagnostics.map((d) => d.summary)).toEqual(['Apply interrupted']);
    expect(s.calls('create')).toEqual(['test_thing.a']);
    expect([...s.live().keys()]).toEqual(['a']);
    const st = await s.state();
    expect(st.instance('test_thing.a' as never)?.status).toBeUndefined();
    const again = await StateSession.open(s.backend, { operation: 'check' });
    await again.close();
  });

  it('a hard abort cancels the in-flight call, keeps what is known, and the next run reconciles it', async () => {
    const s = new Stack(chain, { behaviour: { delayMs: (op) => (op === 'create' ? 5_000 : 0) } });
    const abort = new AbortController();
    const t0 = performance.now();
    const r = await s.apply(
      {},
      { abort: abort.signal, onEvent: (e) => e.kind === 'start' && setTimeout(() => abort.abort(), 10) },
    );
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(r.result?.ok).toBe(false);
    const pending = (await s.state()).instance('test_thing.a' as never);
    expect(pending?.status).toBe('pending');
    // Only the argument findExisting needs was recorded, and it is enough to find the resource.
    expect([pending?.identity, pending?.attributes]).toEqual([{ name: 'a' }, { name: 'a' }]);
    s.provider.behaviour = {};
    const again = await s.apply();
    expect(again.diagnostics).toEqual([]);
    expect(s.calls('findExisting')).toEqual(['test_thing.a']);
    expect([...s.live().keys()].sort()).toEqual(['a', 'b']);
  });

  it('a type that names no identifying arguments records every argument in its pending record', async () => {
    const s = new Stack('resource "test_revision" "r" {\n  name    = "r"\n  content = "v1"\n}\n', {
      behaviour: { delayMs: (op) => (op === 'create' ? 5_000 : 0) },
    });
    const abort = new AbortController();
    await s.apply(
      {},
      { abort: abort.signal, onEvent: (e) => e.kind === 'start' && setTimeout(() => abort.abort(), 10) },
    );
    const pending = (await s.state()).instance('test_revision.r' as never);
    expect(pending?.status).toBe('pending');
    expect(pending?.identity).toEqual({ name: 'r', content: 'v1' });
    s.provider.behaviour = {};
    expect((await s.apply()).diagnostics).toEqual([]);
    expect(s.calls('findExisting')).toEqual(['test_revision.r']);
    expect([...s.live().keys()]).toEqual(['r']);
  });
});
