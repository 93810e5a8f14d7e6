import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveVariables } from '../../../../engine/config/index.js';
import {
  loadPlanFile,
  type Plan,
  PlanFileError,
  type PlannedValue,
  redactPlan,
  savePlanFile,
} from '../../../../engine/plan/index.js';
import { moduleOf, planOf, tempDir } from '../../../support/engine.js';

// Plan files: what savePlanFile writes loads back field for field, a body of the wrong shape is
// refused naming the file and the field, and a file that cannot be written is a PlanFileError.

const hcl = `
variable "token" {
  type      = string
  sensitive = true
}
variable "sizes" {
  type    = list(number)
  default = [1, 2]
}
resource "test_thing" "a" {
  name = "a"
}
`;

const pv = (value: PlannedValue['value'], unknown: PlannedValue['unknownPaths'] = []): PlannedValue => ({
  value,
  unknownPaths: unknown,
  sensitivePaths: [],
});

/** A plan with every kind of change and every optional field, as the planner could make it. */
const everything: Plan = {
  mode: 'normal',
  changes: [
    {
      address: 'test_thing.keep',
      type: 'test_thing',
      provider: 'test',
      dependencies: [],
      action: 'no-op',
      before: pv({ name: 'k' }),
    },
    {
      address: 'test_thing.new[0]',
      type: 'test_thing',
      provider: 'test',
      dependencies: ['test_thing.keep'],
      action: 'create',
      after: pv({ name: 'n', id: null }, [['id']]),
    },
    {
      address: 'test_thing.upd["eu"]',
      type: 'test_thing',
      provider: 'test.eu',
      dependencies: ['data.test_lookup.x'],
      action: 'update',
      before: pv({ size: 1 }),
      after: pv({ size: 2 }),
    },
    {
      address: 'test_thing.rep',
      type: 'test_thing',
      provider: 'test',
      dependencies: [],
      action: 'replace',
      before: pv({ zone: 'a', tags: [{ k: 'v' }] }),
      after: { value: { zone: 'b', secret: null }, unknownPaths: [], sensitivePaths: [['secret'], ['tags', 0, 'k']] },
      reason: 'replace_because_cannot_update',
      replacePaths: [['zone'], ['tags', 0, 'k']],
      createBeforeDestroy: true,
    },
    {
      address: 'test_thing.gone',
      type: 'test_thing',
      provider: 'test',
      dependencies: [],
      action: 'delete',
      before: pv({ name: 'g' }),
      reason: 'delete_because_no_resource_config',
    },
    {
      address: 'test_thing.rep',
      type: 'test_thing',
      provider: 'test',
      dependencies: [],
      action: 'delete',
      before: pv({ zone: 'old' }),
      reason: 'delete_because_deposed',
      deposed: '00000001',
    },
    {
      address: 'data.test_lookup.x',
      type: 'test_lookup',
      provider: 'test',
      dependencies: [],
      action: 'read',
      after: pv({ value: null }, [['value']]),
    },
  ],
  drift: [
    { address: 'test_thing.keep', type: 'test_thing', provider: 'test', before: pv({ n: 1 }), after: pv({ n: 2 }) },
    { address: 'test_thing.lost', type: 'test_thing', provider: 'test', before: pv({ n: 1 }) },
  ],
  moved: [{ from: 'test_thing.old', to: 'test_thing.new[1]' }],
  imports: [{ address: 'test_thing.imp', id: 'i-1', type: '', provider: 'test', value: pv({ id: 'i-1' }) }],
  data: { 'data.test_lookup.y["k"]': pv({ value: 'v' }) },
  outputs: { url: pv({ value: null }, [['value']]), 'odd name': pv({ value: [1] }) },
  prior: { lineage: '6f1c1d2e-0000-4000-8000-000000000001', serial: 3, replayed: 2 },
  cwd: '/planned/here',
  targets: ['test_thing.new'],
  excludes: ['test_thing.gone'],
};

/** Saves `plan` with the sample configuration and variables; returns the file's path. */
function saved(plan: Plan = everything): string {
  const module = moduleOf(hcl);
  const vars = resolveVariables(module, { cli: [{ kind: 'var', text: 'token=s3cr3t' }] });
  expect(vars.diagnostics).toEqual([]);
  const path = join(tempDir(), 'p.plan');
  savePlanFile(path, plan, module, vars.values);
  return path;
}

/** Saves the sample plan, changes its JSON with `edit`, and loads it again. */
function corrupted(edit: (doc: { plan: Record<string, unknown>; variables: Record<string, unknown> }) => void) {
  const path = saved();
  const doc = JSON.parse(readFileSync(path, 'utf8'));
  edit(doc);
  writeFileSync(path, JSON.stringify(doc));
  return { path, loaded: loadPlanFile(path) };
}

/** The one diagnostic of loading a corrupted file, which must name the file and then `field problem`. */
function refusal(edit: Parameters<typeof corrupted>[0]): string {
  const { path, loaded } = corrupted(edit);
  expect(loaded.file).toBeUndefined();
  expect(loaded.diagnostics.map((d) => d.summary)).toEqual(['Corrupt plan file']);
  const detail = loaded.diagnostics[0].detail ?? '';
  expect(detail.startsWith(`${path}: `)).toBe(true);
  return detail.slice(path.length + 2);
}

describe('plan file round trip', () => {
  it('loads back every kind of change and every field, as written', () => {
    const loaded = loadPlanFile(saved());
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.file?.plan).toEqual(redactPlan(everything));
    expect(Object.keys(loaded.file?.variables ?? {}).sort()).toEqual(['sizes', 'token']);
    expect(loaded.file?.variables.sizes).toEqual({ type: ['list', 'number'], value: [1, 2] });
    expect(loaded.file?.variables.token).toMatchObject({ type: 'string', sensitive: true });
  });

  it('loads back a plan the planner made, keeping every field the file holds', async () => {
    const r = await planOf(
      'resource "test_thing" "a" {\n  name = "a"\n}\noutput "n" {\n  value = test_thing.a.name\n}\n',
    );
    expect(r.diagnostics).toEqual([]);
    const path = saved(r.plan);
    const loaded = loadPlanFile(path);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.file?.plan).toEqual(JSON.parse(readFileSync(path, 'utf8')).plan);
  });

  it('drops fields that do not belong to a change of its action', () => {
    const { loaded } = corrupted((doc) => {
      (doc.plan.changes as Record<string, unknown>[])[1].before = { value: {}, unknownPaths: [], sensitivePaths: [] };
    });
    const create = loaded.file?.plan.changes[1];
    expect(create?.action).toBe('create');
    expect(create && 'before' in create).toBe(false);
  });
});

describe('corrupt plan files', () => {
  it('refuses a plan that is not an object', () => {
    expect(refusal((d) => Object.assign(d, { plan: 'a plan' }))).toBe('plan must be an object. Plan again.');
  });

  it.each(['changes', 'drift', 'moved', 'imports'])('refuses plan.%s set to null', (field) => {
    expect(refusal((d) => Object.assign(d.plan, { [field]: null }))).toBe(`plan.${field} must be a list. Plan again.`);
  });

  it.each(['outputs', 'data', 'prior'])('refuses plan.%s set to null', (field) => {
    expect(refusal((d) => Object.assign(d.plan, { [field]: null }))).toBe(
      `plan.${field} must be an object. Plan again.`,
    );
  });

  it('refuses a missing config digest, variables or plan', () => {
    expect(refusal((d) => Object.assign(d, { config_digest: undefined }))).toBe(
      'config_digest must be a string. Plan again.',
    );
    expect(refusal((d) => Object.assign(d, { variables: [] }))).toBe('variables must be an object. Plan again.');
    expect(refusal((d) => Object.assign(d, { plan: undefined }))).toBe('plan must be an object. Plan again.');
  });

  it('refuses a change that is an empty object, or not an object', () => {
    expect(refusal((d) => Object.assign(d.plan, { changes: [{}] }))).toMatch(
      /^plan\.changes\[0\]\.action must be one of "no-op", "create", "update", "replace", "delete", "read"\./,
    );
    expect(refusal((d) => Object.assign(d.plan, { changes: [null] }))).toBe(
      'plan.changes[0] must be an object. Plan again.',
    );
  });

  it('refuses an action outside the set of actions', () => {
    const msg = refusal((d) => Object.assign((d.plan.changes as object[])[2], { action: 'explode' }));
    expect(msg).toMatch(/^plan\.changes\[2\]\.action must be one of /);
  });

  it.each([
    ['address', 'test_thing', 'plan.changes[1].address is not a resource instance address: "test_thing"'],
    ['address', 7, 'plan.changes[1].address must be a string'],
    ['type', '', 'plan.changes[1].type must not be empty'],
    ['provider', null, 'plan.changes[1].provider must be a string'],
    ['dependencies', null, 'plan.changes[1].dependencies must be a list'],
    [
      'dependencies',
      ['test_thing.a[0]'],
      'plan.changes[1].dependencies[0] is not a resource address: "test_thing.a[0]"',
    ],
    ['after', null, 'plan.changes[1].after must be an object'],
    ['after', { value: [], unknownPaths: [], sensitivePaths: [] }, 'plan.changes[1].after.value must be an object'],
    [
      'after',
      { value: {}, unknownPaths: null, sensitivePaths: [] },
      'plan.changes[1].after.unknownPaths must be a list',
    ],
    [
      'after',
      { value: {}, unknownPaths: [['a', -1]], sensitivePaths: [] },
      'plan.changes[1].after.unknownPaths[0][1] must be a property name or a list index',
    ],
    ['after', { value: {}, unknownPaths: [] }, 'plan.changes[1].after.sensitivePaths must be a list'],
  ])('refuses a create whose %s is %j', (field, value, expected) => {
    expect(refusal((d) => Object.assign((d.plan.changes as object[])[1], { [field]: value }))).toBe(
      `${expected}. Plan again.`,
    );
  });

  it('refuses a replace or delete without its own fields', () => {
    const change = (i: number, patch: object) => (d: { plan: Record<string, unknown> }) =>
      Object.assign((d.plan.changes as object[])[i], patch);
    expect(refusal(change(3, { before: undefined }))).toBe('plan.changes[3].before must be an object. Plan again.');
    expect(refusal(change(3, { reason: 'because' }))).toMatch(
      /^plan\.changes\[3\]\.reason must be one of "replace_because_cannot_update", /,
    );
    expect(refusal(change(3, { createBeforeDestroy: 'yes' }))).toBe(
      'plan.changes[3].createBeforeDestroy must be true or false. Plan again.',
    );
    expect(refusal(change(3, { replacePaths: [{}] }))).toBe(
      'plan.changes[3].replacePaths[0] must be a list. Plan again.',
    );
    expect(refusal(change(4, { reason: null }))).toMatch(
      /^plan\.changes\[4\]\.reason must be one of "delete_because_no_resource_config", /,
    );
    expect(refusal(change(5, { deposed: '' }))).toBe('plan.changes[5].deposed must not be empty. Plan again.');
  });

  it('refuses two changes of the same instance', () => {
    const msg = refusal((d) => {
      const changes = d.plan.changes as object[];
      changes.push(changes[1]);
    });
    expect(msg).toBe('plan.changes[7] repeats the change of test_thing.new[0]. Plan again.');
  });

  it('refuses bad drift, moves, imports, data and outputs', () => {
    const at = (field: string, i: number, patch: object) => (d: { plan: Record<string, unknown> }) =>
      Object.assign((d.plan[field] as object[])[i], patch);
    expect(refusal(at('drift', 1, { before: 'x' }))).toBe('plan.drift[1].before must be an object. Plan again.');
    expect(refusal(at('drift', 0, { after: null }))).toBe('plan.drift[0].after must be an object. Plan again.');
    expect(refusal(at('moved', 0, { to: 'nowhere' }))).toBe(
      'plan.moved[0].to is not a resource instance address: "nowhere". Plan again.',
    );
    expect(refusal(at('imports', 0, { id: 5 }))).toBe('plan.imports[0].id must be a string. Plan again.');
    expect(refusal((d) => Object.assign(d.plan, { data: { x: everything.outputs.url } }))).toBe(
      'plan.data.x is not keyed by a resource instance address. Plan again.',
    );
    expect(refusal((d) => Object.assign(d.plan.outputs as object, { 'odd name': 3 }))).toBe(
      'plan.outputs["odd name"] must be an object. Plan again.',
    );
  });

  it('refuses a bad mode, prior state, folder or target list', () => {
    expect(refusal((d) => Object.assign(d.plan, { mode: 'all' }))).toMatch(/^plan\.mode must be one of "normal", /);
    expect(refusal((d) => Object.assign(d.plan.prior as object, { serial: -1 }))).toBe(
      'plan.prior.serial must be a whole number ≥ 0. Plan again.',
    );
    expect(refusal((d) => Object.assign(d.plan.prior as object, { lineage: 1 }))).toBe(
      'plan.prior.lineage must be a string. Plan again.',
    );
    expect(refusal((d) => Object.assign(d.plan, { cwd: ['/'] }))).toBe('plan.cwd must be a string. Plan again.');
    expect(refusal((d) => Object.assign(d.plan, { targets: [null] }))).toBe(
      'plan.targets[0] must be a string. Plan again.',
    );
    expect(refusal((d) => Object.assign(d.plan, { excludes: 'x' }))).toBe('plan.excludes must be a list. Plan again.');
  });

  it('refuses a variable whose type, value or digest is wrong', () => {
    expect(refusal((d) => Object.assign(d.variables.sizes as object, { type: 'list' }))).toMatch(
      /^variables\.sizes\.type must be a type in JSON notation/,
    );
    expect(refusal((d) => Object.assign(d.variables.sizes as object, { value: [1, 'two'] }))).toBe(
      "variables.sizes.value[1] does not match the variable's type: number required. Plan again.",
    );
    expect(refusal((d) => Object.assign(d, { variables: { sizes: { type: 'string' } } }))).toBe(
      'variables.sizes must have a value, or be marked sensitive. Plan again.',
    );
    expect(refusal((d) => Object.assign(d.variables.token as object, { salt: undefined }))).toBe(
      'variables.token.salt must be a string. Plan again.',
    );
    expect(refusal((d) => Object.assign(d.variables.token as object, { sensitive: 'yes' }))).toBe(
      'variables.token.sensitive must be true when given. Plan again.',
    );
  });

  it('still tells apart a file that is not a plan, or of another version', () => {
    expect(corrupted((d) => Object.assign(d, { runform_plan: undefined })).loaded.diagnostics[0].summary).toBe(
      'Not a plan file',
    );
    expect(corrupted((d) => Object.assign(d, { runform_plan: 2 })).loaded.diagnostics[0].summary).toBe(
      'Unsupported plan file version',
    );
  });
});

describe('saving a plan file', () => {
  const module = moduleOf(hcl);
  const thrown = (path: string): unknown => {
    try {
      savePlanFile(path, everything, module, new Map());
    } catch (e) {
      return e;
    }
    return undefined;
  };

  it('writes mode 0600 and leaves no temporary file behind', () => {
    const dir = tempDir();
    savePlanFile(join(dir, 'p.plan'), everything, module, new Map());
    expect(readdirSync(dir)).toEqual(['p.plan']);
    expect(statSync(join(dir, 'p.plan')).mode & 0o777).toBe(0o600);
  });

  it('names the path and the reason when the folder does not exist', () => {
    const path = join(tempDir(), 'missing', 'p.plan');
    const e = thrown(path);
    expect(e).toBeInstanceOf(PlanFileError);
    expect((e as PlanFileError).path).toBe(path);
    expect((e as Error).message).toBe(
      `Cannot write the plan file ${path}: the folder ${join(path, '..')} does not exist.`,
    );
  });

  it('refuses a folder as the plan file, and writes nothing', () => {
    const dir = tempDir();
    const e = thrown(dir);
    expect(e).toBeInstanceOf(PlanFileError);
    expect((e as Error).message).toBe(
      `Cannot write the plan file ${dir}: it is a folder; name a file to save the plan to.`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a path under a file, naming it', () => {
    const dir = tempDir({ f: 'x' });
    const path = join(dir, 'f', 'p.plan');
    expect((thrown(path) as Error).message).toBe(
      `Cannot write the plan file ${path}: a part of ${join(dir, 'f')} is not a folder.`,
    );
    expect(readFileSync(join(dir, 'f'), 'utf8')).toBe('x');
  });
});
