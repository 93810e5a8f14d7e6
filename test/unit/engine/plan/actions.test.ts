import { describe, expect, it } from 'vitest';
import type { InstanceAddr } from '../../../../engine/addrs/index.js';
import { State } from '../../../../engine/state/index.js';
import { lines, planOf } from '../../../support/engine.js';

const P = 'provider["test"]';

function stateWith(entries: Record<string, Record<string, unknown>>, status?: 'tainted'): State {
  const s = new State();
  for (const [addr, attrs] of Object.entries(entries)) {
    s.setInstance(addr as InstanceAddr, P, {
      attributes: attrs as never,
      sensitivePaths: [],
      dependencies: [],
      ...(status ? { status } : {}),
    });
  }
  return s;
}

const live = (name: string, extra: Record<string, unknown> = {}) => ({
  id: `id-${name}`,
  arn: `arn:${name}`,
  url: `https://${name}`,
  name,
  size: 1,
  cpu: '1024',
  zone: 'auto',
  ...extra,
});

describe('planning actions', () => {
  it('creates a new instance with computed attributes unknown', async () => {
    const r = await planOf('resource "test_thing" "a" {\n  name = "a"\n}\n');
    expect(r.diagnostics).toEqual([]);
    const c = r.byAddr.get('test_thing.a');
    expect(c?.action).toBe('create');
    if (c?.action !== 'create') return;
    expect(c.after.value).toMatchObject({ name: 'a', size: 1 });
    expect(c.after.unknownPaths).toEqual(expect.arrayContaining([['id'], ['arn'], ['url']]));
  });

  it('is a no-op when the live object matches, with defaults and normalised spellings', async () => {
    const r = await planOf(
      'resource "test_thing" "a" {\n  name = "a"\n  cpu = "1 vCPU"\n}\n',
      stateWith({ 'test_thing.a': live('a') }),
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.byAddr.get('test_thing.a')?.action).toBe('no-op');
  });

  it('updates in place when an updatable argument changes, keeping computed values', async () => {
    const r = await planOf(
      'resource "test_thing" "a" {\n  name = "a"\n  size = 3\n}\n',
      stateWith({ 'test_thing.a': live('a') }),
    );
    const c = r.byAddr.get('test_thing.a');
    expect(c?.action).toBe('update');
    if (c?.action !== 'update') return;
    expect(c.after.value).toMatchObject({ size: 3, id: 'id-a' });
    expect(c.after.unknownPaths).toEqual([]);
  });

  it('keeps the live spelling of a normalised value in an update made for another argument', async () => {
    const r = await planOf(
      'resource "test_thing" "a" {\n  name = "a"\n  size = 3\n  cpu  = "1 vCPU"\n}\n',
      stateWith({ 'test_thing.a': live('a') }),
    );
    const c = r.byAddr.get('test_thing.a');
    expect(c?.action).toBe('update');
    if (c?.action !== 'update') return;
    expect(c.after.value).toMatchObject({ size: 3, cpu: '1024' });
  });

  it('replaces when an argument that forces replacement changes, naming the path', async () => {
    const r = await planOf('resource "test_thing" "a" {\n  name = "b"\n}\n', stateWith({ 'test_thing.a': live('a') }));
    const c = r.byAddr.get('test_thing.a');
    expect(c?.action).toBe('replace');
    if (c?.action !== 'replace') return;
    expect(c.reason).toBe('replace_because_cannot_update');
    expect(c.replacePaths).toEqual([['name']]);
    expect(c.createBeforeDestroy).toBe(false);
  });

  it('replaces for a nested block attribute that forces replacement', async () => {
    const r = await planOf(
      'resource "test_thing" "a" {\n  name = "a"\n  settings {\n    region = "eu"\n  }\n}\n',
      stateWith({ 'test_thing.a': live('a', { settings: { region: 'us', mode: 'standard' } }) }),
    );
    const c = r.byAddr.get('test_thing.a');
    expect(c?.action === 'replace' && c.replacePaths).toEqual([['settings', 'region']]);
  });

  it('replaces a tainted instance with that reason', async () => {
    const r = await planOf(
      'resource "test_thing" "a" {\n  name = "a"\n}\n',
      stateWith({ 'test_thing.a': live('a') }, 'tainted'),
    );
    const c = r.byAddr.get('test_thing.a');
    expect(c?.action === 'replace' && c.reason).toBe('replace_because_tainted');
  });

  it('replaces on request', async () => {
    const r = await planOf('resource "test_thing" "a" {\n  name = "a"\n}\n', stateWith({ 'test_thing.a': live('a') }), {
      replace: ['test_thing.a'],
    });
    const c = r.byAddr.get('test_thing.a');
    expect(c?.action === 'replace' && c.reason).toBe('replace_by_request');
  });

  it('warns when --replace names no instance', async () => {
    const r = await planOf('resource "test_thing" "a" {\n  name = "a"\n}\n', new State(), {
      replace: ['test_thing.zz'],
    });
    expect(r.diagnostics.map((d) => [d.severity, d.summary])).toEqual([['warning', 'Nothing to replace']]);
  });

  it('creates before destroying with create_before_destroy or the schema default', async () => {
    const r = await planOf(
      `resource "test_thing" "a" {
  name = "b"
  lifecycle {
    create_before_destroy = true
  }
}
resource "test_revision" "r" {
  name    = "r"
  content = "v2"
}
`,
      stateWith({ 'test_thing.a': live('a'), 'test_revision.r': { id: 'r1', arn: 'x', name: 'r', content: 'v1' } }),
    );
    for (const a of ['test_thing.a', 'test_revision.r']) {
      const c = r.byAddr.get(a);
      expect(c?.action === 'replace' && c.createBeforeDestroy).toBe(true);
    }
  });

  it('deletes instances without configuration, by count index, and by each key', async () => {
    const r = await planOf(
      `resource "test_thing" "c" {
  count = 1
  name  = "c${'$'}{count.index}"
}
resource "test_thing" "e" {
  for_each = toset(["x"])
  name     = each.key
}
`,
      stateWith({
        'test_thing.gone': live('gone'),
        'test_thing.c[0]': live('c0'),
        'test_thing.c[1]': live('c1'),
        'test_thing.e["x"]': live('x'),
        'test_thing.e["y"]': live('y'),
      }),
    );
    const reasons = Object.fromEntries(
      r.plan.changes.filter((c) => c.action === 'delete').map((c) => [c.address, c.action === 'delete' && c.reason]),
    );
    expect(reasons).toEqual({
      'test_thing.gone': 'delete_because_no_resource_config',
      'test_thing.c[1]': 'delete_because_count_index',
      'test_thing.e["y"]': 'delete_because_each_key',
    });
    expect(r.byAddr.get('test_thing.c[0]')?.action).toBe('no-op');
    expect(r.byAddr.get('test_thing.e["x"]')?.action).toBe('no-op');
  });

  it('plans every instance for deletion in destroy mode', async () => {
    const r = await planOf('resource "test_thing" "a" {\n  name = "a"\n}\n', stateWith({ 'test_thing.a': live('a') }), {
      mode: 'destroy',
    });
    expect(r.plan.changes.map((c) => [c.address, c.action])).toEqual([['test_thing.a', 'delete']]);
  });

  it('reports an unknown argument with a suggestion', async () => {
    const r = await planOf('resource "test_thing" "a" {\n  nme = "a"\n}\n');
    expect(lines(r.diagnostics)).toEqual(['main.hcl:2:3: Unsupported argument']);
    expect(r.diagnostics[0].detail).toContain('"name"');
  });
});
