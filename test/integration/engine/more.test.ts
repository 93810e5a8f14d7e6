import { describe, expect, it } from 'vitest';
import { runImport } from '../../../engine/apply/index.js';
import { loadModule } from '../../../engine/config/index.js';
import { directContext, testProviders } from '../../support/engine.js';
import { Stack } from '../../support/stack.js';

describe('data sources, outputs, refresh and import', () => {
  it('reads a data source with known arguments while planning, and defers one that waits on a new resource', async () => {
    const s = new Stack(`
data "test_lookup" "known" {
  name = "fixed"
}
resource "test_thing" "a" {
  name = "a"
  note = data.test_lookup.known.value
}
data "test_lookup" "later" {
  name = test_thing.a.id
}
resource "test_thing" "b" {
  name = "b"
  note = data.test_lookup.later.value
}
`);
    const p = await s.plan();
    expect(p.diagnostics).toEqual([]);
    const a = p.plan?.changes.find((c) => c.address === 'test_thing.a');
    expect(a?.action === 'create' && a.after.value.note).toBe('value-of-fixed');
    expect(p.plan?.changes.find((c) => c.address === 'data.test_lookup.later')?.action).toBe('read');
    const r = await s.apply();
    expect(r.diagnostics).toEqual([]);
    const live = s.live();
    expect(live.get('b')?.note).toBe(`value-of-${String(live.get('a')?.id)}`);
  });

  it('records outputs after an apply, with their sensitivity', async () => {
    const s = new Stack(
      'resource "test_thing" "a" {\n  name = "a"\n}\noutput "id" {\n  value = test_thing.a.id\n}\noutput "s" {\n  value     = "x"\n  sensitive = true\n}\n',
    );
    await s.apply();
    const st = await s.state();
    expect(st.outputs.get('id')?.value).toBe(s.live().get('a')?.id);
    expect(st.outputs.get('s')?.sensitive).toBe(true);
  });

  it('reads every prior resource concurrently, bounded by parallelism; refresh: false reads none', async () => {
    const hcl = Array.from({ length: 6 }, (_, i) => `resource "test_thing" "r${i}" {\n  name = "r${i}"\n}\n`).join('');
    const s = new Stack(hcl);
    await s.apply();
    s.provider.behaviour = { delayMs: (op) => (op === 'read' ? 20 : 0) };
    s.provider.calls.length = 0;
    const { runPlan } = await import('../../../engine/apply/index.js');
    const module = loadModule(s.dir).module;
    const base = { module, variables: new Map(), backend: s.backend, providers: await testProviders(s.provider) };
    await runPlan({ ...base, parallelism: 2 });
    const reads = s.provider.calls.filter((c) => c.op === 'read');
    expect(reads).toHaveLength(6);
    const maxInFlight = Math.max(
      ...reads.map((r) => reads.filter((o) => o.start <= r.start && o.end! > r.start).length),
    );
    expect(maxInFlight).toBe(2);
    s.provider.calls.length = 0;
    await runPlan({ ...base, refresh: false });
    expect(s.calls('read')).toEqual([]);
  });

  it('applies independent creates concurrently, never more provider calls at once than parallelism', async () => {
    const hcl = Array.from({ length: 8 }, (_, i) => `resource "test_thing" "r${i}" {\n  name = "r${i}"\n}\n`).join('');
    const s = new Stack(hcl);
    s.provider.behaviour = { delayMs: (op) => (op === 'create' ? 30 : 0) };
    const r = await s.apply({}, { parallelism: 3 });
    expect(r.diagnostics).toEqual([]);
    const creates = s.provider.calls.filter((c) => c.op === 'create');
    expect(creates).toHaveLength(8);
    const maxInFlight = Math.max(
      ...creates.map((c) => creates.filter((o) => o.start <= c.start && o.end! > c.start).length),
    );
    expect(maxInFlight).toBe(3);
  });

  it('runform import adopts a resource by id into a declared address', async () => {
    const s = new Stack('resource "test_thing" "a" {\n  name = "a"\n}\n');
    const cfg = await s.provider.configure({ values: {} }, new AbortController().signal);
    const attrs = await cfg.resources.test_thing.create({ args: { name: 'a', size: 1, cpu: '1024' } }, directContext());
    const module = loadModule(s.dir).module;
    const providers = await testProviders(s.provider);
    const r = await runImport({ module, backend: s.backend, providers, address: 'test_thing.a', id: String(attrs.id) });
    expect(r.diagnostics).toEqual([]);
    expect((await s.state()).instance('test_thing.a' as never)?.attributes.id).toBe(attrs.id);
    const undeclared = await runImport({ module, backend: s.backend, providers, address: 'test_thing.b', id: 'x' });
    expect(undeclared.diagnostics.map((d) => d.summary)).toEqual(['Import target not in the configuration']);
    expect((await s.plan()).plan?.changes.map((c) => c.action)).toEqual(['no-op']);
  });

  it('reports a provider result that contradicts the arguments, and still records the resource', async () => {
    const s = new Stack('resource "test_thing" "a" {\n  name = "a"\n  note = "asked"\n}\n');
    const p = s.provider;
    const cfg = await p.configure({ values: {} }, new AbortController().signal);
    const original = cfg.resources.test_thing.create;
    cfg.resources.test_thing.create = async (req, ctx) => ({ ...(await original(req, ctx)), note: 'other' });
    p.configure = async () => cfg;
    const r = await s.apply();
    expect(r.diagnostics.map((d) => [d.address, d.summary])).toEqual([
      ['test_thing.a', 'Provider produced an inconsistent result'],
    ]);
    expect((await s.state()).instance('test_thing.a' as never)?.attributes.note).toBe('other');
  });

  it('a create-before-destroy replacement makes the replacement of its dependency create-before-destroy too', async () => {
    const cfg = (v: string) => `
resource "test_thing" "dep" {
  name = "dep-${v}"
}
resource "test_revision" "r" {
  name    = test_thing.dep.name
  content = "c"
}
`;
    const s = new Stack(cfg('1'));
    await s.apply();
    s.write(cfg('2'));
    const p = await s.plan();
    const dep = p.plan?.changes.find((c) => c.address === 'test_thing.dep');
    expect(dep?.action === 'replace' && dep.createBeforeDestroy).toBe(true);
    s.provider.calls.length = 0;
    expect((await s.apply()).diagnostics).toEqual([]);
    const order = s.provider.calls.filter((c) => c.op !== 'read').map((c) => `${c.op} ${c.address}`);
    expect(order.indexOf('create test_thing.dep')).toBeLessThan(order.indexOf('delete test_thing.dep'));
    expect(order.indexOf('create test_revision.r')).toBeLessThan(order.indexOf('delete test_thing.dep'));
    const live = s.provider.cloud.all().map(([, r]) => `${r.type} ${String(r.attrs.name)}`);
    expect(live.sort()).toEqual(['test_revision dep-2', 'test_thing dep-2']);
  });
});
