import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runApply } from '../../../engine/apply/index.js';
import { loadModule, resolveVariables } from '../../../engine/config/index.js';
import { checkPlanFile, loadPlanFile, savePlanFile } from '../../../engine/plan/index.js';
import { directContext, testProviders } from '../../support/engine.js';
import { Stack } from '../../support/stack.js';

const hcl = `
variable "token" {
  type      = string
  sensitive = true
}
variable "size" {
  default = 2
}
resource "test_thing" "a" {
  name   = "a"
  size   = var.size
  secret = var.token
}
`;
const SECRET = 'hunter2-very-secret';

async function saved(s: Stack, token = SECRET) {
  const loaded = loadModule(s.dir);
  const vars = resolveVariables(loaded.module, { cli: [{ kind: 'var', text: `token=${token}` }] });
  const { runPlan } = await import('../../../engine/apply/index.js');
  const r = await runPlan({
    module: loaded.module,
    variables: vars.values,
    backend: s.backend,
    providers: await testProviders(s.provider),
  });
  const path = join(s.dir, 'out.plan');
  savePlanFile(path, r.plan!, loaded.module, vars.values);
  return path;
}

async function applyFile(s: Stack, path: string, token = SECRET) {
  const module = loadModule(s.dir).module;
  const file = loadPlanFile(path);
  expect(file.diagnostics).toEqual([]);
  const supplied = resolveVariables(module, { cli: [{ kind: 'var', text: `token=${token}` }] }).values;
  const checked = checkPlanFile(file.file!, module, supplied);
  if (checked.diagnostics.length > 0) return checked.diagnostics;
  const r = await runApply({
    module,
    variables: checked.variables,
    backend: s.backend,
    providers: await testProviders(s.provider),
    plan: file.file!.plan,
  });
  return r.diagnostics;
}

describe('plan files', () => {
  it('apply exactly what was planned, with no sensitive value in the file', async () => {
    const s = new Stack(hcl);
    const path = await saved(s);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain(SECRET);
    expect(await applyFile(s, path)).toEqual([]);
    const live = [...s.live().values()][0];
    expect(live).toMatchObject({ size: 2, secret: SECRET });
  });

  it('refuses a different or missing sensitive variable', async () => {
    const s = new Stack(hcl);
    const path = await saved(s);
    const d = await applyFile(s, path, 'other');
    expect(d.map((x) => x.summary)).toEqual(['Sensitive variable "token" must be supplied again']);
    expect(s.live().size).toBe(0);
  });

  it('refuses a stale plan when the state moved since', async () => {
    const s = new Stack(hcl);
    const path = await saved(s);
    expect(await applyFile(s, path)).toEqual([]);
    const d = await applyFile(s, path);
    expect(d.map((x) => x.summary)).toEqual(['Saved plan is stale']);
    expect(d[0].detail).toContain('serial');
  });

  it('refuses a saved plan when the state was replaced by another one (another lineage, same serial)', async () => {
    const s = new Stack(hcl);
    expect(await applyFile(s, await saved(s))).toEqual([]);
    const path = await saved(s);
    const file = join(s.dir, 'runform.state.json');
    const state = JSON.parse(readFileSync(file, 'utf8'));
    const planned = state.lineage;
    state.lineage = '00000000-0000-4000-8000-0000000000aa';
    writeFileSync(file, JSON.stringify(state));
    const d = await applyFile(s, path);
    expect(d.map((x) => x.summary)).toEqual(['Saved plan is stale']);
    expect(d[0].detail).toContain(`made for state lineage ${planned}, but the state has lineage ${state.lineage}`);
    expect(JSON.parse(readFileSync(file, 'utf8')).lineage).toBe(state.lineage);
  });

  it('refuses a plan when the configuration changed since', async () => {
    const s = new Stack(hcl);
    const path = await saved(s);
    s.write(hcl.replace('default = 2', 'default = 3'));
    const d = await applyFile(s, path);
    expect(d.map((x) => x.summary)).toEqual(['Saved plan is stale']);
    expect(d[0].detail).toContain('configuration changed');
  });

  it('refuses an unknown format version', async () => {
    const s = new Stack(hcl);
    const path = await saved(s);
    const doc = JSON.parse(readFileSync(path, 'utf8'));
    doc.runform_plan = 99;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, JSON.stringify(doc));
    expect(loadPlanFile(path).diagnostics.map((d) => d.summary)).toEqual(['Unsupported plan file version']);
  });
});

describe('path.cwd in plan files', () => {
  it('a saved plan applies with the path.cwd it was planned with, whatever folder the apply runs in', async () => {
    const s = new Stack('resource "test_thing" "a" {\n  name = "a"\n  note = path.cwd\n}\n');
    const { runPlan } = await import('../../../engine/apply/index.js');
    const at = (cwd: string) => ({ ...loadModule(s.dir).module, cwd });
    const providers = await testProviders(s.provider);
    const planned = await runPlan({ module: at('/planned/here'), variables: new Map(), backend: s.backend, providers });
    expect(planned.plan?.cwd).toBe('/planned/here');
    const path = join(s.dir, 'cwd.plan');
    savePlanFile(path, planned.plan!, at('/planned/here'), new Map());
    const file = loadPlanFile(path).file!;
    const r = await runApply({
      module: at('/applied/elsewhere'),
      variables: new Map(),
      backend: s.backend,
      providers,
      plan: file.plan,
    });
    expect(r.diagnostics).toEqual([]);
    expect(s.live().get('a')?.note).toBe('/planned/here');
  });

  it('loading a configuration fixes path.cwd to the working folder of that moment', () => {
    const s = new Stack('resource "test_thing" "a" {\n  name = "a"\n}\n');
    expect(loadModule(s.dir).module.cwd).toBe(process.cwd());
  });
});

const twoThings = 'resource "test_thing" "a" {\n  name = "a"\n}\nresource "test_thing" "b" {\n  name = "b"\n}\n';

/** A stack of two things where only `a` is applied. */
async function withA(): Promise<Stack> {
  const s = new Stack(twoThings);
  expect((await s.apply({ targets: ['test_thing.a'] })).diagnostics.map((d) => d.severity)).not.toContain('error');
  return s;
}

/** A run that creates b, records it and dies: its journal and its lock stay behind. Returns b. */
async function crashAfterCreatingB(s: Stack) {
  const { StateSession } = await import('../../../engine/state/index.js');
  const crashed = await StateSession.open(s.backend, { operation: 'apply' });
  const cfg = await s.provider.configure({ values: {} }, new AbortController().signal);
  const b = await cfg.resources.test_thing.create({ args: { name: 'b' } }, directContext());
  await crashed.record({
    kind: 'set-instance',
    addr: 'test_thing.b' as never,
    provider: 'provider["test"]',
    instance: { attributes: b, sensitivePaths: [], dependencies: [] },
  });
  await s.backend.forceUnlock(crashed.lock.id);
  return b;
}

describe('plans made over a leftover journal', () => {
  it('a plan made while a crashed run left its journal still applies after the journal is compacted', async () => {
    const s = await withA();
    const b = await crashAfterCreatingB(s);
    const serialBefore = (await s.state()).serial;
    const planned = await s.plan();
    expect(planned.plan?.prior.serial).toBe(serialBefore);
    expect(planned.plan?.changes.map((c) => c.action)).toEqual(['no-op', 'no-op']);
    s.provider.calls.length = 0;
    const r = await s.apply({}, { plan: planned.plan! });
    expect(r.diagnostics).toEqual([]);
    expect(s.calls('create')).toEqual([]);
    expect([...s.live().keys()].sort()).toEqual(['a', 'b']);
    const after = await s.state();
    expect(after.serial).toBeGreaterThan(serialBefore);
    expect(after.instance('test_thing.b' as never)?.attributes.id).toBe(b.id);
    expect(after.instance('test_thing.a' as never)).toBeDefined();
  });

  it('a plan made before a run crashed (and left its journal) is refused as stale', async () => {
    const s = await withA();
    const planned = await s.plan();
    expect(planned.plan?.changes.find((c) => c.address === 'test_thing.b')?.action).toBe('create');
    await crashAfterCreatingB(s);
    s.provider.calls.length = 0;
    const r = await s.apply({}, { plan: planned.plan! });
    expect(r.diagnostics.map((d) => d.summary)).toEqual(['Saved plan is stale']);
    expect(s.calls('create')).toEqual([]);
    expect([...s.live().keys()].sort()).toEqual(['a', 'b']);
  });
});
