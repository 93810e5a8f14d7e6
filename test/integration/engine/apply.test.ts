import { describe, expect, it } from 'vitest';
import { Stack } from '../../support/stack.js';

const chain = `
resource "test_thing" "base" {
  name = "base"
}
resource "test_thing" "app" {
  name = "app"
  note = test_thing.base.id
}
`;

describe('apply', () => {
  it('creates resources in dependency order, resolving unknowns from applied upstream results', async () => {
    const s = new Stack(chain);
    const r = await s.apply();
    expect(r.diagnostics).toEqual([]);
    expect(s.calls('create')).toEqual(['test_thing.base', 'test_thing.app']);
    const live = s.live();
    expect(live.get('app')?.note).toBe(live.get('base')?.id);
    const state = await s.state();
    expect(state.instanceCount).toBe(2);
    expect(state.instance('test_thing.app' as never)?.dependencies).toEqual(['test_thing.base']);
  });

  it('plans no changes after an apply (no perpetual diff from defaults or normalised spellings)', async () => {
    const s = new Stack(
      'resource "test_thing" "a" {\n  name = "a"\n  cpu = "1 vCPU"\n  settings {\n    region = "eu"\n  }\n}\n',
    );
    expect((await s.apply()).diagnostics).toEqual([]);
    const p = await s.plan();
    expect(p.diagnostics).toEqual([]);
    expect(p.plan?.changes.map((c) => c.action)).toEqual(['no-op']);
  });

  it('runs independent resources concurrently', async () => {
    const s = new Stack(
      'resource "test_thing" "a" {\n  name = "a"\n}\nresource "test_thing" "b" {\n  name = "b"\n}\n',
      { behaviour: { delayMs: (op) => (op === 'create' ? 50 : 0) } },
    );
    expect((await s.apply()).diagnostics).toEqual([]);
    const [a, b] = s.provider.calls.filter((c) => c.op === 'create');
    // Both started before either finished.
    expect(Math.max(a.start, b.start)).toBeLessThan(Math.min(a.end!, b.end!));
  });

  it('destroys in reverse dependency order', async () => {
    const s = new Stack(chain);
    await s.apply();
    const r = await s.apply({ mode: 'destroy' });
    expect(r.diagnostics).toEqual([]);
    expect(s.calls('delete')).toEqual(['test_thing.app', 'test_thing.base']);
    expect(s.live().size).toBe(0);
    expect((await s.state()).instanceCount).toBe(0);
  });

  it('skips what depends on a failure, goes on with independent branches, and reports only the root cause', async () => {
    const s = new Stack(`${chain}resource "test_thing" "other" {\n  name = "other"\n}\n`, {
      behaviour: { fail: (op, addr) => (op === 'create' && addr === 'test_thing.base' ? 'before' : undefined) },
    });
    const r = await s.apply();
    expect(r.result?.ok).toBe(false);
    expect(r.diagnostics.map((d) => [d.address, d.summary])).toEqual([
      ['test_thing.base', 'Failed to create test_thing.base'],
    ]);
    expect(s.calls('create').sort()).toEqual(['test_thing.base', 'test_thing.other']);
    expect([...s.live().keys()]).toEqual(['other']);
    const state = await s.state();
    expect(state.instance('test_thing.base' as never)).toBeUndefined();
  });

  it('records a create that failed after the resource appeared as tainted, and replaces it next time', async () => {
    let failing = true;
    const s = new Stack('resource "test_thing" "a" {\n  name = "a"\n}\n', {
      behaviour: { fail: (op) => (op === 'create' && failing ? 'after' : undefined) },
    });
    const r1 = await s.apply();
    expect(r1.result?.ok).toBe(false);
    expect((await s.state()).instance('test_thing.a' as never)?.status).toBe('tainted');
    failing = false;
    const p = await s.plan();
    const c = p.plan?.changes[0];
    expect(c?.action === 'replace' && c.reason).toBe('replace_because_tainted');
    expect((await s.apply()).diagnostics).toEqual([]);
    expect(s.live().size).toBe(1);
    expect((await s.state()).instance('test_thing.a' as never)?.status).toBeUndefined();
  });

  it('keeps a failed create pending when it cannot tell whether the resource exists; the next run adopts it', async () => {
    let failing = true;
    const s = new Stack('resource "test_thing" "a" {\n  name = "a"\n}\n', {
      behaviour: {
        // The create times out after the resource was made, and the search for it fails too.
        fail: (op) => ((op === 'create' || op === 'findExisting') && failing ? 'after' : undefined),
      },
    });
    const r1 = await s.apply();
    expect(r1.diagnostics.map((d) => d.summary)).toEqual(['Failed to create test_thing.a']);
    expect([...s.live().keys()]).toEqual(['a']);
    const kept = (await s.state()).instance('test_thing.a' as never);
    expect(kept?.status).toBe('pending');
    expect(kept?.identity).toMatchObject({ name: 'a' });
    failing = false;
    s.provider.calls.length = 0;
    const r2 = await s.apply();
    expect(r2.diagnostics).toEqual([]);
    expect(s.calls('findExisting')).toEqual(['test_thing.a']);
    expect(s.calls('create')).toEqual([]);
    expect(s.live().size).toBe(1);
    const adopted = (await s.state()).instance('test_thing.a' as never);
    expect(adopted?.status).toBeUndefined();
    expect(adopted?.attributes.id).toBe(s.provider.cloud.findByName('test_thing', 'a')?.[0]);
    expect((await s.plan()).plan?.changes.map((c) => c.action)).toEqual(['no-op']);
  });

  it('replaces delete-first by default and create-first with create_before_destroy', async () => {
    const s = new Stack(
      'resource "test_thing" "a" {\n  name = "a1"\n}\nresource "test_revision" "r" {\n  name = "r1"\n  content = "v1"\n}\n',
    );
    await s.apply();
    s.write(
      'resource "test_thing" "a" {\n  name = "a2"\n}\nresource "test_revision" "r" {\n  name = "r2"\n  content = "v2"\n}\n',
    );
    s.provider.calls.length = 0;
    expect((await s.apply()).diagnostics).toEqual([]);
    const order = s.provider.calls
      .filter((c) => c.op === 'create' || c.op === 'delete')
      .map((c) => `${c.op} ${c.address}`);
    expect(order.indexOf('delete test_thing.a')).toBeLessThan(order.indexOf('create test_thing.a'));
    expect(order.indexOf('create test_revision.r')).toBeLessThan(order.indexOf('delete test_revision.r'));
    expect([...s.live().keys()].sort()).toEqual(['a2', 'r2']);
  });
});
