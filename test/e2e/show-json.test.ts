import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliProvider, cliEnv, runCli } from '../support/cli.js';
import { tempDir } from '../support/engine.js';

// `runform show --json`: saved plans in the JSON plan representation and the state in the JSON
// state representation, each checked against the schemas in schemas/ and for the facts it must tell.

const root = new URL('../../', import.meta.url).pathname;
const SECRET = 'sup3r-s3cret-value';

const hcl = (o: { name?: string; size?: number; content?: string; withB?: boolean } = {}) => `
variable "token" {
  type      = string
  sensitive = true
  default   = "${SECRET}"
}
resource "test_thing" "a" {
  name   = "${o.name ?? 'a'}"
  size   = ${o.size ?? 1}
  secret = var.token
  note   = "kept"
}
${
  o.withB === false
    ? ''
    : `resource "test_thing" "b" {
  name = "b"
  note = test_thing.a.id
}`
}
resource "test_revision" "r" {
  name    = "r"
  content = "${o.content ?? 'v1'}"
}
output "a_id" { value = test_thing.a.id }
output "token" {
  value     = var.token
  sensitive = true
}
`;

let providerModule: string;
let validatePlan: ValidateFunction;
let validateState: ValidateFunction;
beforeAll(() => {
  providerModule = buildCliProvider();
  const ajv = new Ajv({ allErrors: true });
  const load = (p: string) => JSON.parse(readFileSync(join(root, 'schemas', p), 'utf8'));
  ajv.addSchema(load('state-json/v1.json'));
  ajv.addSchema(load('plan-json/v1.json'));
  validatePlan = ajv.getSchema('https://runform.dev/schemas/plan-json/v1.json')!;
  validateState = ajv.getSchema('https://runform.dev/schemas/state-json/v1.json')!;
});

type Doc = Record<string, unknown> & {
  resource_changes: {
    address: string;
    action_reason?: string;
    change: Record<string, unknown> & { actions: string[] };
  }[];
  resource_drift: { address: string; change: { actions: string[]; before: unknown; after: unknown } }[];
  output_changes: Record<string, { actions: string[]; after: unknown; after_sensitive: unknown }>;
  prior_state: { values: { outputs: Record<string, unknown>; root_module: { resources: { address: string }[] } } };
};

function setup() {
  const dir = tempDir({ 'main.hcl': hcl() });
  return { dir, env: cliEnv(providerModule, join(dir, 'cloud.json')) };
}

/** Plans into a file, shows it as JSON, and checks it against the schema; returns the document. */
function planJson(dir: string, env: NodeJS.ProcessEnv, extra: string[] = []): Doc {
  const p = runCli(['plan', '--out', 'p.plan', ...extra], dir, env);
  expect(p.stderr).toBe('');
  expect(p.status).toBe(0);
  const r = runCli(['show', '--json', 'p.plan'], dir, env);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).not.toContain(SECRET);
  expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
  const doc = JSON.parse(r.stdout) as Doc;
  const ok = validatePlan(doc);
  expect(validatePlan.errors ?? [], JSON.stringify(validatePlan.errors)).toEqual([]);
  expect(ok).toBe(true);
  return doc;
}

const change = (doc: Doc, address: string) => doc.resource_changes.find((c) => c.address === address)!;

function apply(dir: string, env: NodeJS.ProcessEnv) {
  const r = runCli(['apply', '--auto-approve'], dir, env);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}

describe('runform show --json PLANFILE', () => {
  it('a first plan: creates with unknowns marked in after_unknown and the secret only as a marker', () => {
    const { dir, env } = setup();
    const doc = planJson(dir, env);
    expect(doc.format_version).toBe('1.0');
    const a = change(doc, 'test_thing.a');
    expect(a).toMatchObject({ mode: 'managed', type: 'test_thing', name: 'a', provider_name: 'test' });
    expect(a.change.actions).toEqual(['create']);
    expect(a.change.before).toBeNull();
    expect(a.change.after).toMatchObject({ name: 'a', size: 1, secret: null });
    expect(a.change.after_sensitive).toEqual({ secret: true });
    expect(a.change.after_unknown).toMatchObject({ id: true, arn: true });
    const b = change(doc, 'test_thing.b');
    expect(b.change.after_unknown).toMatchObject({ note: true });
    expect(b.change.after).not.toHaveProperty('note');
    expect(doc.output_changes.a_id).toMatchObject({ actions: ['create'], after_unknown: true });
    expect(doc.output_changes.token).toMatchObject({ actions: ['create'], after: null, after_sensitive: true });
    expect(doc.prior_state.values.root_module.resources).toEqual([]);
  });

  it('update, replace (delete first), replace create-before-destroy and delete, each with its reason', () => {
    const { dir, env } = setup();
    apply(dir, env);
    writeFileSync(join(dir, 'main.hcl'), hcl({ size: 2, content: 'v2', withB: false }));
    let doc = planJson(dir, env);
    expect(change(doc, 'test_thing.a').change.actions).toEqual(['update']);
    expect(change(doc, 'test_thing.a').change).toMatchObject({
      before: { size: 1, secret: null },
      after: { size: 2 },
      before_sensitive: { secret: true },
    });
    const r = change(doc, 'test_revision.r');
    expect(r.change.actions).toEqual(['create', 'delete']);
    expect(r.action_reason).toBe('replace_because_cannot_update');
    expect(r.change.replace_paths).toEqual([['content']]);
    const b = change(doc, 'test_thing.b');
    expect(b.change.actions).toEqual(['delete']);
    expect(b.change.after).toBeNull();
    expect(b.action_reason).toBe('delete_because_no_resource_config');
    expect(doc.prior_state.values.root_module.resources.map((x) => x.address).sort()).toEqual([
      'test_revision.r',
      'test_thing.a',
      'test_thing.b',
    ]);
    expect(doc.prior_state.values.outputs).toMatchObject({ token: { sensitive: true } });
    expect(doc.prior_state.values.outputs.token).not.toHaveProperty('value');
    expect(doc.output_changes.a_id.actions).toEqual(['no-op']);

    writeFileSync(join(dir, 'main.hcl'), hcl({ name: 'a2' }));
    doc = planJson(dir, env);
    const a = change(doc, 'test_thing.a');
    expect(a.change.actions).toEqual(['delete', 'create']);
    expect(a.action_reason).toBe('replace_because_cannot_update');
    expect(a.change.replace_paths).toEqual([['name']]);

    writeFileSync(join(dir, 'main.hcl'), hcl());
    doc = planJson(dir, env, ['--replace', 'test_thing.b']);
    expect(change(doc, 'test_thing.b').action_reason).toBe('replace_by_request');
    expect(change(doc, 'test_thing.a').change.actions).toEqual(['no-op']);
  });

  it('drift: a change made outside and a resource deleted outside are listed in resource_drift', () => {
    const { dir, env } = setup();
    apply(dir, env);
    const cloudFile = join(dir, 'cloud.json');
    const cloud = JSON.parse(readFileSync(cloudFile, 'utf8')) as {
      resources: Record<string, { type: string; attrs: Record<string, unknown> }>;
    };
    const [aId] = Object.entries(cloud.resources).find(([, r]) => r.attrs.name === 'a')!;
    const [rId] = Object.entries(cloud.resources).find(([, r]) => r.attrs.name === 'r')!;
    cloud.resources[aId].attrs.note = 'changed outside';
    delete cloud.resources[rId];
    writeFileSync(cloudFile, JSON.stringify(cloud));
    const doc = planJson(dir, env);
    const drift = Object.fromEntries(doc.resource_drift.map((d) => [d.address, d.change]));
    expect(drift['test_thing.a']).toMatchObject({
      actions: ['update'],
      before: { note: 'kept' },
      after: { note: 'changed outside' },
    });
    expect(drift['test_revision.r']).toMatchObject({ actions: ['delete'], after: null });
    expect(change(doc, 'test_thing.a').change.actions).toEqual(['update']);
    expect(change(doc, 'test_revision.r').change.actions).toEqual(['create']);
  });

  it('destroy: every instance is deleted, without a reason, and outputs go', () => {
    const { dir, env } = setup();
    apply(dir, env);
    const doc = planJson(dir, env, ['--destroy']);
    for (const c of doc.resource_changes) {
      expect(c.change.actions).toEqual(['delete']);
      expect(c).not.toHaveProperty('action_reason');
    }
    expect(doc.output_changes.a_id.actions).toEqual(['delete']);
  });
});

describe('runform show --json (the state)', () => {
  it('prints the state representation with secrets only as markers', () => {
    const { dir, env } = setup();
    const empty = runCli(['show', '--json'], dir, env);
    expect(empty.status).toBe(0);
    expect(validateState(JSON.parse(empty.stdout))).toBe(true);
    apply(dir, env);
    const r = runCli(['show', '--json'], dir, env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain(SECRET);
    const doc = JSON.parse(r.stdout);
    expect(validateState(doc), JSON.stringify(validateState.errors)).toBe(true);
    const res = doc.values.root_module.resources as Record<string, unknown>[];
    expect(res.map((x) => x.address).sort()).toEqual(['test_revision.r', 'test_thing.a', 'test_thing.b']);
    const a = res.find((x) => x.address === 'test_thing.a')!;
    expect(a).toMatchObject({ mode: 'managed', type: 'test_thing', name: 'a', provider_name: 'test' });
    expect(a.values).toMatchObject({ name: 'a', secret: null });
    expect(a.sensitive_values).toEqual({ secret: true });
    expect(res.find((x) => x.address === 'test_thing.b')!.depends_on).toEqual(['test_thing.a']);
    expect(doc.values.outputs.token).toEqual({ sensitive: true });
    expect(doc.values.outputs.a_id).toMatchObject({ sensitive: false, value: expect.stringMatching(/^test_thing-/) });
  });

  it('the schema rejects a document that breaks the format (so the checks above can fail)', () => {
    expect(validatePlan({ format_version: '1.0' })).toBe(false);
    const bad = {
      format_version: '1.0',
      planned_values: { root_module: { resources: [] } },
      resource_drift: [],
      output_changes: {},
      prior_state: { format_version: '1.0', values: { root_module: { resources: [] } } },
      resource_changes: [
        {
          address: 'test_thing.a',
          mode: 'managed',
          type: 'test_thing',
          name: 'a',
          provider_name: 'test',
          change: {
            actions: ['replace'],
            before: null,
            after: {},
            after_unknown: {},
            before_sensitive: false,
            after_sensitive: {},
          },
        },
      ],
    };
    expect(validatePlan(bad)).toBe(false);
    expect(
      validateState({
        format_version: '1.0',
        values: { outputs: { s: { sensitive: true, value: 'x' } }, root_module: { resources: [] } },
      }),
    ).toBe(false);
  });
});
