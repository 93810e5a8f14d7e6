import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderPlanText } from '../../../cmd/views/plan-text.js';
import { renderInstanceText } from '../../../cmd/views/state-text.js';
import type { DeleteChange } from '../../../engine/plan/index.js';
import { Stack } from '../../support/stack.js';

// Create-before-destroy replacements put the old object aside as "deposed" before creating the new
// one, so that a delete that fails or never happens leaves the old object in the state; the next
// plan shows it and the next apply deletes it.

const revision = (name: string, extra = '') => `
resource "test_revision" "r" {
  name    = "${name}"
  content = "v"
}
${extra}`;

const dependent = `
resource "test_thing" "t" {
  name = "t"
  note = test_revision.r.id
}
`;

const deposedOf = async (s: Stack) => [...(await s.state()).deposedObjects()];
const fileVersion = (s: Stack) => JSON.parse(readFileSync(s.backend.path, 'utf8')).version as number;

describe('deposed objects', () => {
  it('a failed delete keeps the old object as deposed; the plan shows it and the next apply deletes it', async () => {
    let deleteFails = false;
    const s = new Stack(revision('r1'), {
      behaviour: { fail: (op) => (op === 'delete' && deleteFails ? 'before' : undefined) },
    });
    expect((await s.apply()).diagnostics).toEqual([]);
    const oldId = (await s.state()).instance('test_revision.r' as never)?.attributes.id;
    s.write(revision('r2'));
    deleteFails = true;
    const failed = await s.apply();
    expect(failed.diagnostics.map((d) => d.summary)).toEqual(['Failed to delete test_revision.r']);
    expect([...s.live().keys()].sort()).toEqual(['r1', 'r2']);
    const deposed = await deposedOf(s);
    expect(deposed.map(([addr, , obj]) => [addr, obj.attributes.id, obj.attributes.name])).toEqual([
      ['test_revision.r', oldId, 'r1'],
    ]);
    expect(deposed[0][1]).toMatch(/^[0-9a-f]{8}$/);
    expect((await s.state()).instance('test_revision.r' as never)?.attributes.name).toBe('r2');
    expect(fileVersion(s)).toBe(2);
    const shown = renderInstanceText(await s.state(), 'test_revision.r' as never, deposed[0][1]);
    expect(shown).toContain(`# test_revision.r: (deposed object ${deposed[0][1]})`);
    expect(shown).toMatch(/name\s+= "r1"/);

    deleteFails = false;
    const p = (await s.plan()).plan!;
    const del = p.changes.find((c) => c.action === 'delete') as DeleteChange;
    expect(del).toMatchObject({ address: 'test_revision.r', reason: 'delete_because_deposed', deposed: deposed[0][1] });
    expect(del.before.value.id).toBe(oldId);
    expect(p.changes.filter((c) => c.action !== 'delete').map((c) => c.action)).toEqual(['no-op']);
    const text = renderPlanText(p, false);
    expect(text).toContain(`# test_revision.r (deposed object ${deposed[0][1]}) will be destroyed`);
    expect(text).toContain('Plan: 0 to add, 0 to change, 0 to replace, 1 to destroy.');

    s.provider.calls.length = 0;
    expect((await s.apply()).diagnostics).toEqual([]);
    expect(s.provider.calls.filter((c) => c.op === 'delete').map((c) => c.address)).toEqual(['test_revision.r']);
    expect([...s.live().keys()]).toEqual(['r2']);
    expect(await deposedOf(s)).toEqual([]);
    expect(fileVersion(s)).toBe(1);
    expect((await s.plan()).plan?.changes.map((c) => c.action)).toEqual(['no-op']);
  });

  it('a create that surely made nothing puts the old object back as current', async () => {
    let createFails = false;
    const s = new Stack(revision('r1'), {
      behaviour: { fail: (op) => (op === 'create' && createFails ? 'before' : undefined) },
    });
    await s.apply();
    const before = (await s.state()).instance('test_revision.r' as never);
    s.write(revision('r2'));
    createFails = true;
    const r = await s.apply();
    expect(r.diagnostics.map((d) => d.summary)).toEqual(['Failed to create test_revision.r']);
    expect(await deposedOf(s)).toEqual([]);
    expect((await s.state()).instance('test_revision.r' as never)).toEqual(before);
    expect([...s.live().keys()]).toEqual(['r1']);
    createFails = false;
    expect((await s.apply()).diagnostics).toEqual([]);
    expect([...s.live().keys()]).toEqual(['r2']);
  });

  it('a deposed object is deleted only after its dependents moved to the new object', async () => {
    // The update takes a while, so that a delete not made to wait for it would start before it ends.
    const s = new Stack(revision('r1', dependent), { behaviour: { delayMs: (op) => (op === 'update' ? 80 : 0) } });
    await s.apply();
    s.write(revision('r2', dependent));
    // Stop once the new revision exists: the dependent still points at the old one, which stays deposed.
    const stop = new AbortController();
    const cut = await s.apply(
      {},
      { stop: stop.signal, onEvent: (e) => e.kind === 'done' && e.address === 'test_revision.r' && stop.abort() },
    );
    expect(cut.result?.interrupted).toBe(true);
    const [[, key, old]] = await deposedOf(s);
    expect((await s.state()).instance('test_thing.t' as never)?.attributes.note).toBe(old.attributes.id);
    s.provider.calls.length = 0;
    expect((await s.apply()).diagnostics).toEqual([]);
    const update = s.provider.calls.find((c) => c.op === 'update' && c.address === 'test_thing.t');
    const del = s.provider.calls.find((c) => c.op === 'delete');
    expect(del?.address).toBe('test_revision.r');
    expect(update?.end).toBeLessThanOrEqual(del!.start);
    expect(await deposedOf(s)).toEqual([]);
    expect(key).toMatch(/^[0-9a-f]{8}$/);
    expect([...s.live().keys()].sort()).toEqual(['r2', 't']);
  });

  it('destroy deletes deposed objects too', async () => {
    let deleteFails = false;
    const s = new Stack(revision('r1'), {
      behaviour: { fail: (op) => (op === 'delete' && deleteFails ? 'before' : undefined) },
    });
    await s.apply();
    s.write(revision('r2'));
    deleteFails = true;
    await s.apply();
    deleteFails = false;
    const p = (await s.plan({ mode: 'destroy' })).plan!;
    expect(p.changes.map((c) => [c.action, c.action === 'delete' ? c.reason : ''])).toEqual([
      ['delete', 'delete_because_destroy_mode'],
      ['delete', 'delete_because_deposed'],
    ]);
    expect((await s.apply({ mode: 'destroy' })).diagnostics).toEqual([]);
    expect(s.live().size).toBe(0);
    const st = await s.state();
    expect([st.instanceCount, [...st.deposedObjects()].length]).toEqual([0, 0]);
  });
});
