import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasChanges } from '../../../engine/plan/index.js';
import { directContext } from '../../support/engine.js';
import { Stack } from '../../support/stack.js';

describe('lifecycle, expansion, moves, imports and targeting', () => {
  it('ignore_changes keeps a live value that differs from the configuration', async () => {
    const s = new Stack('resource "test_thing" "a" {\n  name = "a"\n  note = "one"\n}\n');
    await s.apply();
    s.write(
      'resource "test_thing" "a" {\n  name = "a"\n  note = "two"\n  lifecycle {\n    ignore_changes = [note]\n  }\n}\n',
    );
    const p = await s.plan();
    expect(p.plan?.changes.map((c) => c.action)).toEqual(['no-op']);
    s.write('resource "test_thing" "a" {\n  name = "a"\n  note = "two"\n}\n');
    expect((await s.plan()).plan?.changes.map((c) => c.action)).toEqual(['update']);
  });

  it('ignore_changes = all keeps every live value, even one that would force a replacement', async () => {
    const s = new Stack('resource "test_thing" "a" {\n  name = "a"\n  note = "one"\n}\n');
    await s.apply();
    const all = (name: string, note: string) =>
      `resource "test_thing" "a" {\n  name = "${name}"\n  note = "${note}"\n  lifecycle {\n    ignore_changes = all\n  }\n}\n`;
    s.write(all('b', 'two'));
    expect((await s.plan()).plan?.changes.map((c) => c.action)).toEqual(['no-op']);
    await s.apply();
    expect(s.calls('update')).toEqual([]);
    expect(s.calls('delete')).toEqual([]);
    expect([...s.live().keys()]).toEqual(['a']);
    // Without it the same configuration replaces the instance (name cannot change in place).
    s.write('resource "test_thing" "a" {\n  name = "b"\n  note = "two"\n}\n');
    expect((await s.plan()).plan?.changes.map((c) => c.action)).toEqual(['replace']);
  });

  it('prevent_destroy fails a plan that would destroy or replace the instance, at the setting', async () => {
    const s = new Stack(
      'resource "test_thing" "a" {\n  name = "a"\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n',
    );
    await s.apply();
    const d = await s.plan({ mode: 'destroy' });
    expect(d.diagnostics.map((x) => [x.summary, x.range?.start.line])).toEqual([['Instance cannot be destroyed', 4]]);
    s.write('resource "test_thing" "a" {\n  name = "b"\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n');
    const r = await s.apply();
    expect(r.diagnostics[0].summary).toBe('Instance cannot be destroyed');
    expect(s.calls('delete')).toEqual([]);
  });

  it('count and for_each add and remove instances by index and key', async () => {
    const cfg = (n: number, keys: string[]) => `
resource "test_thing" "c" {
  count = ${n}
  name  = "c${'$'}{count.index}"
}
resource "test_thing" "e" {
  for_each = toset(${JSON.stringify(keys)})
  name     = "e-${'$'}{each.key}"
  note     = test_thing.c[0].id
}
`;
    const s = new Stack(cfg(2, ['x', 'y']));
    expect((await s.apply()).diagnostics).toEqual([]);
    expect([...s.live().keys()].sort()).toEqual(['c0', 'c1', 'e-x', 'e-y']);
    s.write(cfg(1, ['y', 'z']));
    const p = await s.plan();
    const acts = Object.fromEntries(p.plan!.changes.map((c) => [c.address, c.action]));
    expect(acts).toEqual({
      'test_thing.c[0]': 'no-op',
      'test_thing.c[1]': 'delete',
      'test_thing.e["y"]': 'no-op',
      'test_thing.e["z"]': 'create',
      'test_thing.e["x"]': 'delete',
    });
    expect((await s.apply()).diagnostics).toEqual([]);
    expect([...s.live().keys()].sort()).toEqual(['c0', 'e-y', 'e-z']);
  });

  it('moved blocks rename state entries without any API call', async () => {
    const s = new Stack('resource "test_thing" "old" {\n  name = "a"\n}\n');
    await s.apply();
    s.provider.calls.length = 0;
    s.write(
      'resource "test_thing" "new" {\n  name = "a"\n}\nmoved {\n  from = test_thing.old\n  to   = test_thing.new\n}\n',
    );
    const r = await s.apply();
    expect(r.diagnostics).toEqual([]);
    expect(r.plan?.moved).toEqual([{ from: 'test_thing.old', to: 'test_thing.new' }]);
    expect(r.plan?.changes.map((c) => c.action)).toEqual(['no-op']);
    expect(s.provider.calls.filter((c) => c.op !== 'read')).toEqual([]);
    const st = await s.state();
    expect(st.instance('test_thing.new' as never)).toBeDefined();
    expect(st.instance('test_thing.old' as never)).toBeUndefined();
  });

  it('import blocks adopt an existing resource', async () => {
    const s = new Stack('resource "test_thing" "a" {\n  name = "a"\n}\n');
    // The resource exists in the cloud, created outside runform.
    const created = await s.provider.configure({ values: {} }, new AbortController().signal);
    const attrs = await created.resources.test_thing.create(
      { args: { name: 'a', size: 1, cpu: '1024' } },
      directContext(),
    );
    s.provider.calls.length = 0;
    s.write(
      `resource "test_thing" "a" {\n  name = "a"\n}\nimport {\n  to = test_thing.a\n  id = "${String(attrs.id)}"\n}\n`,
    );
    const r = await s.apply();
    expect(r.diagnostics).toEqual([]);
    expect(r.plan?.imports.map((i) => i.address)).toEqual(['test_thing.a']);
    expect(s.calls('create')).toEqual([]);
    expect((await s.state()).instance('test_thing.a' as never)?.attributes.id).toBe(attrs.id);
    expect((await s.plan()).plan?.changes.map((c) => c.action)).toEqual(['no-op']);
  });

  it('a target includes its dependencies and nothing else; an exclude drops the resource and its dependents', async () => {
    const hcl = `
resource "test_thing" "base" {
  name = "base"
}
resource "test_thing" "app" {
  name = "app"
  note = test_thing.base.id
}
resource "test_thing" "other" {
  name = "other"
}
`;
    const s = new Stack(hcl);
    const t = await s.plan({ targets: ['test_thing.app'] });
    expect(t.plan?.changes.map((c) => c.address).sort()).toEqual(['test_thing.app', 'test_thing.base']);
    const x = await s.plan({ excludes: ['test_thing.base'] });
    expect(x.plan?.changes.map((c) => c.address)).toEqual(['test_thing.other']);
    // Both repeat: targets add up, and so do excludes.
    const tt = await s.plan({ targets: ['test_thing.app', 'test_thing.other'] });
    expect(tt.plan?.changes.map((c) => c.address).sort()).toEqual([
      'test_thing.app',
      'test_thing.base',
      'test_thing.other',
    ]);
    const xx = await s.plan({ excludes: ['test_thing.base', 'test_thing.other'] });
    expect(xx.plan?.changes.map((c) => c.address)).toEqual([]);
    await s.apply({ targets: ['test_thing.other'] });
    expect([...s.live().keys()]).toEqual(['other']);
  });

  it('replace_triggered_by replaces an instance when what it names is updated', async () => {
    const cfg = (v: string) => `
resource "test_thing" "src" {
  name = "src"
  note = "${v}"
}
resource "test_thing" "dst" {
  name = "dst"
  lifecycle {
    replace_triggered_by = [test_thing.src]
  }
}
`;
    const s = new Stack(cfg('1'));
    await s.apply();
    s.write(cfg('2'));
    const p = await s.plan();
    const c = p.plan?.changes.find((x) => x.address === 'test_thing.dst');
    expect(c?.action === 'replace' && c.reason).toBe('replace_by_triggers');
  });

  it('refresh finds drift and vanished resources; refresh-only records them and changes nothing else', async () => {
    const s = new Stack('resource "test_thing" "a" {\n  name = "a"\n}\nresource "test_thing" "b" {\n  name = "b"\n}\n');
    await s.apply();
    const [[idA, a], [idB]] = s.provider.cloud.all();
    s.provider.cloud.put(idA, { ...a, attrs: { ...a.attrs, note: 'edited' } });
    s.provider.cloud.remove(idB);
    const p = await s.plan({ mode: 'refresh-only' });
    expect(p.plan?.drift.map((d) => [d.address, d.after ? 'changed' : 'gone'])).toEqual([
      ['test_thing.a', 'changed'],
      ['test_thing.b', 'gone'],
    ]);
    expect(p.plan?.changes).toEqual([]);
    await s.apply({ mode: 'refresh-only' });
    const st = await s.state();
    expect(st.instance('test_thing.a' as never)?.attributes.note).toBe('edited');
    expect(st.instance('test_thing.b' as never)).toBeUndefined();
    expect(s.calls('create')).toEqual(['test_thing.a', 'test_thing.b']);
    const normal = await s.plan();
    const acts = Object.fromEntries(normal.plan!.changes.map((c) => [c.address, c.action]));
    expect(acts).toEqual({ 'test_thing.a': 'update', 'test_thing.b': 'create' });
  });

  it('drift alone counts as changes present only in a refresh-only plan', async () => {
    const s = new Stack(
      'resource "test_thing" "a" {\n  name = "a"\n  lifecycle {\n    ignore_changes = [note]\n  }\n}\n',
    );
    await s.apply();
    const [[id, a]] = s.provider.cloud.all();
    s.provider.cloud.put(id, { ...a, attrs: { ...a.attrs, note: 'edited by hand' } });
    const normal = (await s.plan()).plan!;
    expect(normal.drift.map((d) => d.address)).toEqual(['test_thing.a']);
    expect(normal.changes.map((c) => c.action)).toEqual(['no-op']);
    expect(hasChanges(normal)).toBe(false);
    expect(hasChanges((await s.plan({ mode: 'refresh-only' })).plan!)).toBe(true);
  });

  it('a pending instance is adopted when the resource exists, and dropped when it does not', async () => {
    const s = new Stack('resource "test_thing" "a" {\n  name = "a"\n}\nresource "test_thing" "b" {\n  name = "b"\n}\n');
    const { StateSession } = await import('../../../engine/state/index.js');
    const sess = await StateSession.open(s.backend, { operation: 'test' });
    const pending = (name: string) => ({
      attributes: { name },
      sensitivePaths: [],
      dependencies: [],
      status: 'pending' as const,
      identity: { name },
    });
    await sess.record({
      kind: 'set-instance',
      addr: 'test_thing.a' as never,
      provider: 'provider["test"]',
      instance: pending('a'),
    });
    await sess.record({
      kind: 'set-instance',
      addr: 'test_thing.b' as never,
      provider: 'provider["test"]',
      instance: pending('b'),
    });
    await sess.close();
    const cfg = await s.provider.configure({ values: {} }, new AbortController().signal);
    await cfg.resources.test_thing.create({ args: { name: 'a' } }, directContext());
    s.provider.calls.length = 0;
    // A plan reconciles too, in its own copy: it plans to create only what does not exist, and
    // writes nothing, so the pending records are still there for the apply.
    const stateBefore = readFileSync(join(s.dir, 'runform.state.json'), 'utf8');
    const planned = await s.plan();
    expect(planned.diagnostics).toEqual([]);
    expect(s.calls('findExisting').sort()).toEqual(['test_thing.a', 'test_thing.b']);
    expect(planned.plan?.changes.map((c) => `${c.address}:${c.action}`).sort()).toEqual([
      'test_thing.a:no-op',
      'test_thing.b:create',
    ]);
    expect(readFileSync(join(s.dir, 'runform.state.json'), 'utf8')).toBe(stateBefore);
    expect((await s.state()).pending().length).toBe(2);
    s.provider.calls.length = 0;
    const r = await s.apply();
    expect(r.diagnostics).toEqual([]);
    expect(s.calls('findExisting').sort()).toEqual(['test_thing.a', 'test_thing.b']);
    expect(s.calls('create')).toEqual(['test_thing.b']);
    expect([...s.live().keys()].sort()).toEqual(['a', 'b']);
    expect((await s.state()).pending()).toEqual([]);
  });
});
