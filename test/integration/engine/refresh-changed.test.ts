import { describe, expect, it } from 'vitest';
import { Stack } from '../../support/stack.js';

// `--refresh=changed`: only the instances whose configuration moved since the last apply are read
// again, with every instance that depends on them; the rest are planned as the state recorded them.

const hcl = (midSize = 1, baseSize = 2) => `
variable "base_size" {
  default = ${baseSize}
}
resource "test_thing" "base" {
  name = "base"
  size = var.base_size
}
resource "test_thing" "mid" {
  name = "mid"
  size = ${midSize}
  note = test_thing.base.id
}
resource "test_thing" "leaf" {
  name = "leaf"
  note = test_thing.mid.url
}
resource "test_thing" "other" {
  name = "other"
}
resource "test_thing" "many" {
  count = 2
  name  = "many-\${count.index}"
}
`;

async function applied(): Promise<Stack> {
  const s = new Stack(hcl());
  const r = await s.apply();
  expect(r.diagnostics).toEqual([]);
  s.provider.calls.length = 0;
  return s;
}

const actions = (p: Awaited<ReturnType<Stack['plan']>>) =>
  Object.fromEntries((p.plan?.changes ?? []).filter((c) => c.action !== 'no-op').map((c) => [c.address, c.action]));

describe('refresh changed', () => {
  it('reads nothing when the configuration is as last applied, and plans no change', async () => {
    const s = await applied();
    const p = await s.plan({}, 'changed');
    expect(p.diagnostics).toEqual([]);
    expect(s.calls('read')).toEqual([]);
    expect(actions(p)).toEqual({});
  });

  it('reads the changed instance and its dependents only; a full refresh reads all six; false reads none', async () => {
    const s = await applied();
    s.write(hcl(3));
    const p = await s.plan({}, 'changed');
    expect(p.diagnostics).toEqual([]);
    expect(s.calls('read').sort()).toEqual(['test_thing.leaf', 'test_thing.mid']);
    expect(actions(p)).toEqual({ 'test_thing.mid': 'update' });
    s.provider.calls.length = 0;
    await s.plan({}, true);
    expect(s.calls('read')).toHaveLength(6);
    s.provider.calls.length = 0;
    await s.plan({}, false);
    expect(s.calls('read')).toEqual([]);
  });

  it('follows a changed variable through every resource that depends on it, directly or not', async () => {
    const s = await applied();
    s.write(hcl(1, 5));
    const p = await s.plan({}, 'changed');
    expect(p.diagnostics).toEqual([]);
    expect(s.calls('read').sort()).toEqual(['test_thing.base', 'test_thing.leaf', 'test_thing.mid']);
    expect(actions(p)).toEqual({ 'test_thing.base': 'update' });
  });

  it('reads an instance the configuration no longer has before planning its delete', async () => {
    const s = await applied();
    s.write(hcl().replace('count = 2', 'count = 1'));
    const p = await s.plan({}, 'changed');
    expect(s.calls('read')).toEqual(['test_thing.many[1]']);
    expect(actions(p)).toEqual({ 'test_thing.many[1]': 'delete' });
  });

  it('sees drift on what it reads and not on what it skips (the full refresh sees both)', async () => {
    const s = await applied();
    for (const [id, r] of s.provider.cloud.all()) {
      if (r.attrs.name === 'other' || r.attrs.name === 'mid')
        s.provider.cloud.put(id, { ...r, attrs: { ...r.attrs, tags: { changed: 'outside' } } });
    }
    s.write(hcl(3));
    const changed = await s.plan({}, 'changed');
    expect(changed.plan?.drift.map((d) => d.address)).toEqual(['test_thing.mid']);
    expect(actions(changed)).toEqual({ 'test_thing.mid': 'update' });
    const full = await s.plan({}, true);
    expect(full.plan?.drift.map((d) => d.address).sort()).toEqual(['test_thing.mid', 'test_thing.other']);
    expect(actions(full)).toEqual({ 'test_thing.mid': 'update', 'test_thing.other': 'update' });
  });

  it('applies with refresh changed: the changed instance is updated and the state records it', async () => {
    const s = await applied();
    s.write(hcl(4));
    const r = await s.apply({}, { refresh: 'changed' });
    expect(r.diagnostics).toEqual([]);
    expect(s.calls('read').sort()).toEqual(['test_thing.leaf', 'test_thing.mid']);
    expect(s.calls('update')).toEqual(['test_thing.mid']);
    expect(s.live().get('mid')?.size).toBe(4);
    expect((await s.state()).instance('test_thing.mid' as never)?.attributes.size).toBe(4);
  });
});
