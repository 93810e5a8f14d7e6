import { parseInstance } from '../addrs/index.js';
import { ConvertError, formatPath, fromJSON, type Json, type Type, typeFromJSON } from '../lang/index.js';
import { Checker } from '../state/file/check.js';
import type { Action, AttrPath, Change, DeleteReason, NoOpChange, PlannedValue, ReplaceReason } from './change.js';
import { changeId } from './change.js';
import type { PlanFile, StoredVariable } from './file.js';
import type { Drift, Import, Move, Plan, PlanMode } from './plan.js';

// The shape check of a plan file's body. Everything the views and the applier read is checked
// here, once, so that a corrupt or hand-edited file is refused with the field that is wrong
// instead of failing somewhere downstream. The result is built afresh from the checked fields:
// the views tell a change's variant apart by which fields it has (`'before' in c`), so a stray
// field left in the file must not reach them.

const MODES: Record<PlanMode, true> = { normal: true, destroy: true, 'refresh-only': true };
const REPLACE_REASONS: Record<ReplaceReason, true> = {
  replace_because_cannot_update: true,
  replace_because_tainted: true,
  replace_by_request: true,
  replace_by_triggers: true,
};
const DELETE_REASONS: Record<DeleteReason, true> = {
  delete_because_no_resource_config: true,
  delete_because_count_index: true,
  delete_because_each_key: true,
  delete_because_destroy_mode: true,
  delete_because_deposed: true,
};
const keysOf = <T extends string>(r: Record<T, unknown>) => Object.keys(r) as T[];

/** The fields every change has, checked. */
type ChangeBase = Pick<NoOpChange, 'address' | 'type' | 'provider' | 'dependencies'>;

/** The path of a member of an object, e.g. `plan.outputs.url` or `plan.data["data.x.y[0]"]`. */
const member = (path: string, key: string) =>
  /^[A-Za-z_][\w-]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

function instanceAddress(c: Checker, v: unknown, path: string): string {
  const s = c.string(v, path);
  if (!parseInstance(s).ok) c.fail(path, `is not a resource instance address: ${JSON.stringify(s)}`);
  return s;
}

function attrPaths(c: Checker, v: unknown, path: string): AttrPath[] {
  return c.array(v, path).map((p, i) => c.attrPath(p, `${path}[${i}]`));
}

function planned(c: Checker, v: unknown, path: string): PlannedValue {
  const o = c.object(v, path);
  return {
    value: c.json(o.value, `${path}.value`),
    unknownPaths: attrPaths(c, o.unknownPaths, `${path}.unknownPaths`),
    sensitivePaths: attrPaths(c, o.sensitivePaths, `${path}.sensitivePaths`),
  };
}

function plannedRecord(c: Checker, v: unknown, path: string, keyIsAddress: boolean): Record<string, PlannedValue> {
  const out: Record<string, PlannedValue> = {};
  for (const [k, e] of Object.entries(c.object(v, path))) {
    const at = member(path, k);
    if (keyIsAddress && !parseInstance(k).ok) c.fail(at, 'is not keyed by a resource instance address');
    out[k] = planned(c, e, at);
  }
  return out;
}

/** Each action's own fields, read from the change object `o` at `path`. */
const CHANGES: Record<Action, (c: Checker, o: Record<string, unknown>, base: ChangeBase, path: string) => Change> = {
  'no-op': (c, o, base, path) => ({ ...base, action: 'no-op', before: planned(c, o.before, `${path}.before`) }),
  create: (c, o, base, path) => ({ ...base, action: 'create', after: planned(c, o.after, `${path}.after`) }),
  update: (c, o, base, path) => ({
    ...base,
    action: 'update',
    before: planned(c, o.before, `${path}.before`),
    after: planned(c, o.after, `${path}.after`),
  }),
  replace: (c, o, base, path) => ({
    ...base,
    action: 'replace',
    before: planned(c, o.before, `${path}.before`),
    after: planned(c, o.after, `${path}.after`),
    reason: c.oneOf(o.reason, keysOf(REPLACE_REASONS), `${path}.reason`),
    replacePaths: attrPaths(c, o.replacePaths, `${path}.replacePaths`),
    createBeforeDestroy: c.bool(o.createBeforeDestroy, `${path}.createBeforeDestroy`),
  }),
  delete: (c, o, base, path) => ({
    ...base,
    action: 'delete',
    before: planned(c, o.before, `${path}.before`),
    reason: c.oneOf(o.reason, keysOf(DELETE_REASONS), `${path}.reason`),
    ...(o.deposed === undefined ? {} : { deposed: c.name(o.deposed, `${path}.deposed`) }),
  }),
  read: (c, o, base, path) => ({ ...base, action: 'read', after: planned(c, o.after, `${path}.after`) }),
};

const ACTIONS = keysOf(CHANGES);

function change(c: Checker, v: unknown, path: string): Change {
  const o = c.object(v, path);
  const action = c.oneOf(o.action, ACTIONS, `${path}.action`);
  const base: ChangeBase = {
    address: instanceAddress(c, o.address, `${path}.address`),
    type: c.name(o.type, `${path}.type`),
    provider: c.name(o.provider, `${path}.provider`),
    dependencies: c
      .array(o.dependencies, `${path}.dependencies`)
      .map((d, i) => c.resourceAddr(d, `${path}.dependencies[${i}]`)),
  };
  return CHANGES[action](c, o, base, path);
}

function drift(c: Checker, v: unknown, path: string): Drift {
  const o = c.object(v, path);
  return {
    address: instanceAddress(c, o.address, `${path}.address`),
    type: c.name(o.type, `${path}.type`),
    provider: c.name(o.provider, `${path}.provider`),
    before: planned(c, o.before, `${path}.before`),
    ...(o.after === undefined ? {} : { after: planned(c, o.after, `${path}.after`) }),
  };
}

function move(c: Checker, v: unknown, path: string): Move {
  const o = c.object(v, path);
  return { from: instanceAddress(c, o.from, `${path}.from`), to: instanceAddress(c, o.to, `${path}.to`) };
}

function imported(c: Checker, v: unknown, path: string): Import {
  const o = c.object(v, path);
  return {
    address: instanceAddress(c, o.address, `${path}.address`),
    id: c.string(o.id, `${path}.id`),
    // The planner writes an empty type when the state did not know the instance.
    type: c.string(o.type, `${path}.type`),
    provider: c.name(o.provider, `${path}.provider`),
    value: planned(c, o.value, `${path}.value`),
  };
}

function plan(c: Checker, v: unknown, path: string): Plan {
  const o = c.object(v, path);
  const mode = c.oneOf(o.mode, keysOf(MODES), `${path}.mode`);
  const changes = c.array(o.changes, `${path}.changes`).map((e, i) => change(c, e, `${path}.changes[${i}]`));
  const seen = new Set<string>();
  changes.forEach((ch, i) => {
    const id = changeId(ch);
    if (seen.has(id)) c.fail(`${path}.changes[${i}]`, `repeats the change of ${id}`);
    seen.add(id);
  });
  const p = c.object(o.prior, `${path}.prior`);
  const strings = (x: unknown, at: string) => c.array(x, at).map((s, i) => c.string(s, `${at}[${i}]`));
  return {
    mode,
    changes,
    drift: c.array(o.drift, `${path}.drift`).map((e, i) => drift(c, e, `${path}.drift[${i}]`)),
    moved: c.array(o.moved, `${path}.moved`).map((e, i) => move(c, e, `${path}.moved[${i}]`)),
    imports: c.array(o.imports, `${path}.imports`).map((e, i) => imported(c, e, `${path}.imports[${i}]`)),
    data: plannedRecord(c, o.data, `${path}.data`, true),
    outputs: plannedRecord(c, o.outputs, `${path}.outputs`, false),
    prior: {
      lineage: c.name(p.lineage, `${path}.prior.lineage`),
      serial: c.count(p.serial, `${path}.prior.serial`),
      ...(p.replayed === undefined ? {} : { replayed: c.count(p.replayed, `${path}.prior.replayed`) }),
    },
    ...(o.cwd === undefined ? {} : { cwd: c.string(o.cwd, `${path}.cwd`) }),
    targets: strings(o.targets, `${path}.targets`),
    excludes: strings(o.excludes, `${path}.excludes`),
  };
}

/** A stored variable: a type in cty's JSON notation, and a value of that type or a sensitive value's digest. */
function variable(c: Checker, v: unknown, path: string): StoredVariable {
  const o = c.object(v, path);
  let type: Type;
  try {
    type = typeFromJSON(o.type);
  } catch (e) {
    if (!(e instanceof ConvertError)) throw e;
    c.fail(`${path}.type`, 'must be a type in JSON notation, such as "string" or ["list","number"]');
  }
  if (o.sensitive !== undefined) {
    if (o.sensitive !== true) c.fail(`${path}.sensitive`, 'must be true when given');
    return {
      type: o.type as Json,
      sensitive: true,
      salt: c.string(o.salt, `${path}.salt`),
      digest: c.string(o.digest, `${path}.digest`),
    };
  }
  if (!('value' in o)) c.fail(path, 'must have a value, or be marked sensitive');
  try {
    fromJSON(o.value, type);
  } catch (e) {
    if (!(e instanceof ConvertError)) throw e;
    c.fail(`${path}.value${formatPath(e.path)}`, `does not match the variable's type: ${e.message}`);
  }
  return { type: o.type as Json, value: o.value as Json };
}

/**
 * Checks and rebuilds the body of a plan file whose version is known to be supported. A problem
 * throws a StateError of kind "corrupt" (the Checker's) whose message is `location: field problem`.
 */
export function decodePlanFile(doc: Record<string, unknown>, location: string): PlanFile {
  const c = new Checker(location);
  const configDigest = c.string(doc.config_digest, 'config_digest');
  const variables: Record<string, StoredVariable> = {};
  for (const [name, v] of Object.entries(c.object(doc.variables, 'variables'))) {
    variables[name] = variable(c, v, member('variables', name));
  }
  return { configDigest, variables, plan: plan(c, doc.plan, 'plan') };
}
