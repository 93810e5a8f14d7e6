import { isDeepStrictEqual } from 'node:util';
import { type IndexKey, parseInstance } from '../../engine/addrs/index.js';
import type {
  AttrPath,
  Change,
  DeleteReason,
  Drift,
  Plan,
  PlannedValue,
  ReplaceReason,
} from '../../engine/plan/index.js';
import type { JsonValue, State } from '../../engine/state/index.js';

// The JSON representation of plans and states that `runform show --json` prints. Its shape
// follows the one Terraform documents for `terraform show -json`, so that policy and review
// tools written for it can read runform's plans. Sensitive values never appear: each sensitive
// leaf is written as null, and the *_sensitive trees say where they were. The shape is
// described by schemas/plan-json/v1.json and schemas/state-json/v1.json.

/** The format_version of both documents; bumped in its minor part for additions only. */
export const JSON_FORMAT_VERSION = '1.0';

/** The parts of an instance address that JSON views spell out. */
export interface AddressParts {
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** The count index or for_each key; absent for a single instance. */
  readonly index?: IndexKey;
  /** The provider name implied by the type's prefix (`apprunner_service` → `apprunner`). */
  readonly impliedProvider: string;
}

/** Splits an instance address into mode, type, name and key. */
export function addressParts(address: string): AddressParts {
  const p = parseInstance(address);
  if (!p.ok) throw new Error(`not an instance address: ${address}`);
  const { mode, type, name, key } = p.value;
  const impliedProvider = type.split('_')[0];
  return key === undefined ? { mode, type, name, impliedProvider } : { mode, type, name, index: key, impliedProvider };
}

/** The provider name of a provider key (`apprunner.eu` → `apprunner`) or state provider address. */
function providerName(key: string): string {
  const quoted = /^provider\["([^"]+)"\]/.exec(key);
  return quoted ? quoted[1] : key.split('.')[0];
}

/** A sensitivity or unknown-ness tree: true at marked leaves, mirroring objects and lists above them. */
export type MarkTree = boolean | MarkTree[] | { [key: string]: MarkTree };

const covers = (mark: AttrPath, p: AttrPath) => mark.length <= p.length && mark.every((s, i) => s === p[i]);

/**
 * Builds the marker tree of a value: `true` where a marked path covers the value, objects keep
 * only their marked members (but always their nested objects and lists), lists keep every position.
 */
export function markTree(value: JsonValue | undefined, marks: readonly AttrPath[], path: AttrPath = []): MarkTree {
  if (marks.some((m) => covers(m, path))) return true;
  const below = marks.filter((m) => covers(path, m) && m.length > path.length);
  if (Array.isArray(value)) return value.map((v, i) => markTree(v, below, [...path, i]));
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: MarkTree } = {};
    const keys = new Set([...Object.keys(value), ...below.map((m) => String(m[path.length]))]);
    for (const k of keys) {
      const t = markTree(value[k], below, [...path, k]);
      if (t !== false) out[k] = t;
    }
    return out;
  }
  // An unknown leaf inside a value not yet built (a list element, an object member).
  if (below.length > 0) {
    const out: { [key: string]: MarkTree } = {};
    for (const m of below) out[String(m[path.length])] = true;
    return out;
  }
  return false;
}

/** A copy of `value` with every sensitive leaf null and every unknown leaf left out. */
export function safeValue(v: PlannedValue): JsonValue {
  const walk = (x: JsonValue | undefined, path: AttrPath): JsonValue | undefined => {
    if (v.unknownPaths.some((u) => covers(u, path))) return undefined;
    if (v.sensitivePaths.some((s) => covers(s, path))) return null;
    if (Array.isArray(x)) return x.map((e, i) => walk(e, [...path, i]) ?? null);
    if (x !== null && typeof x === 'object') {
      const out: { [key: string]: JsonValue } = {};
      for (const [k, e] of Object.entries(x)) {
        const w = walk(e, [...path, k]);
        if (w !== undefined) out[k] = w;
      }
      return out;
    }
    return x;
  };
  return walk(v.value, []) ?? null;
}

/** The change object of the format: actions, values and their marker trees. */
interface JsonChange {
  actions: string[];
  before: JsonValue;
  after: JsonValue;
  after_unknown: MarkTree;
  before_sensitive: MarkTree;
  after_sensitive: MarkTree;
  replace_paths?: AttrPath[];
}

function changeOf(actions: string[], before: PlannedValue | undefined, after: PlannedValue | undefined): JsonChange {
  return {
    actions,
    before: before ? safeValue(before) : null,
    after: after ? safeValue(after) : null,
    after_unknown: after ? markTree(after.value, after.unknownPaths) : false,
    before_sensitive: before ? markTree(before.value, before.sensitivePaths) : false,
    after_sensitive: after ? markTree(after.value, after.sensitivePaths) : false,
  };
}

const ACTIONS: Record<Change['action'], (c: Change) => string[]> = {
  'no-op': () => ['no-op'],
  create: () => ['create'],
  update: () => ['update'],
  replace: (c) => (c.action === 'replace' && c.createBeforeDestroy ? ['create', 'delete'] : ['delete', 'create']),
  delete: () => ['delete'],
  read: () => ['read'],
};

/** Terraform's reason names; destroying everything on request has no reason there, nor here. */
const REASONS: Record<ReplaceReason | DeleteReason, string | undefined> = {
  replace_because_cannot_update: 'replace_because_cannot_update',
  replace_because_tainted: 'replace_because_tainted',
  replace_by_request: 'replace_by_request',
  replace_by_triggers: 'replace_by_triggers',
  delete_because_no_resource_config: 'delete_because_no_resource_config',
  delete_because_count_index: 'delete_because_count_index',
  delete_because_each_key: 'delete_because_each_key',
  delete_because_destroy_mode: undefined,
  // A deposed object's delete carries its key in `deposed` instead.
  delete_because_deposed: undefined,
};

/** The fields that name a resource instance, shared by resource changes and state resources. */
function instanceHead(address: string, provider: string) {
  const p = addressParts(address);
  return {
    address,
    mode: p.mode,
    type: p.type,
    name: p.name,
    ...(p.index !== undefined ? { index: p.index } : {}),
    provider_name: providerName(provider),
  };
}

/** One entry of `resource_changes`. */
export function resourceChangeJSON(c: Change) {
  const before = 'before' in c ? c.before : undefined;
  const after = 'after' in c ? c.after : undefined;
  const change = changeOf(ACTIONS[c.action](c), before, after);
  if (c.action === 'replace') change.replace_paths = c.replacePaths.map((p) => [...p]);
  const reason = c.action === 'replace' || c.action === 'delete' ? REASONS[c.reason] : undefined;
  const deposed = c.action === 'delete' ? c.deposed : undefined;
  return {
    ...instanceHead(c.address, c.provider),
    ...(deposed !== undefined ? { deposed } : {}),
    change,
    ...(reason ? { action_reason: reason } : {}),
  };
}

/** One entry of `resource_drift`: what changed outside runform, as an update or a delete. */
export function resourceDriftJSON(d: Drift) {
  return {
    ...instanceHead(d.address, d.provider),
    change: changeOf(d.after ? ['update'] : ['delete'], d.before, d.after),
  };
}

/** An instance of `values.root_module.resources`. */
function stateResourceJSON(address: string, provider: string, v: PlannedValue, extra: object = {}) {
  return {
    ...instanceHead(address, provider),
    values: safeValue(v),
    sensitive_values: markTree(v.value, v.sensitivePaths),
    ...extra,
  };
}

/** A sensitive output's value is left out; others are printed whole. */
function outputJSON(value: JsonValue, sensitive: boolean) {
  return sensitive ? { sensitive: true } : { sensitive: false, value };
}

/** Terraform's state representation of a runform state (secrets left out). */
export function stateJSON(state: State, version: string) {
  const outputs: Record<string, object> = {};
  for (const [n, o] of [...state.outputs].sort(([a], [b]) => a.localeCompare(b)))
    outputs[n] = outputJSON(o.value, o.sensitive);
  const resources = [...state.instances()]
    .filter(([, o]) => o.status !== 'pending')
    .map(([addr, o, r]) =>
      stateResourceJSON(
        addr,
        r.provider,
        { value: o.attributes, unknownPaths: [], sensitivePaths: o.sensitivePaths },
        {
          ...(o.dependencies.length > 0 ? { depends_on: [...o.dependencies] } : {}),
          ...(o.status === 'tainted' ? { tainted: true } : {}),
        },
      ),
    );
  return {
    format_version: JSON_FORMAT_VERSION,
    runform_version: version,
    values: { outputs, root_module: { resources } },
  };
}

/** A planned output, unwrapped from the key `value` under which plans hold outputs. */
export interface PlannedOutput {
  readonly known: boolean;
  readonly sensitive: boolean;
  /** The value with sensitive leaves null and unknown ones left out. */
  readonly value: JsonValue;
  readonly unknown: MarkTree;
  readonly sensitiveTree: MarkTree;
}

/** Reads a planned output of a Plan. */
export function plannedOutput(o: PlannedValue): PlannedOutput {
  const sensitive = o.sensitivePaths.some((p) => p.length <= 1);
  const unknown = o.unknownPaths.some((p) => p.length <= 1);
  const inner = (t: MarkTree): MarkTree => (typeof t === 'object' && !Array.isArray(t) ? (t.value ?? false) : t);
  return {
    known: !unknown,
    sensitive,
    value: sensitive ? null : ((safeValue(o) as { value?: JsonValue }).value ?? null),
    unknown: inner(markTree(o.value, o.unknownPaths)),
    sensitiveTree: inner(markTree(o.value, o.sensitivePaths)),
  };
}

/** The planned output changes, against the outputs of the prior state when known. */
function outputChangesJSON(plan: Plan, prior: State | undefined) {
  const out: Record<string, JsonChange> = {};
  const names = new Set([...Object.keys(plan.outputs), ...(prior?.outputs.keys() ?? [])]);
  for (const name of [...names].sort()) {
    const before = prior?.outputs.get(name);
    const raw = plan.mode === 'destroy' ? undefined : plan.outputs[name];
    const after = raw ? plannedOutput(raw) : undefined;
    const same =
      before && after?.known && before.sensitive === after.sensitive && isDeepStrictEqual(before.value, after.value);
    const actions = !before ? ['create'] : !after ? ['delete'] : same ? ['no-op'] : ['update'];
    out[name] = {
      actions,
      before: before && !before.sensitive ? before.value : null,
      after: after ? after.value : null,
      after_unknown: after ? after.unknown : false,
      before_sensitive: before?.sensitive ?? false,
      after_sensitive: after ? after.sensitiveTree : false,
    };
  }
  return out;
}

/** What `show --json PLANFILE` prints, beside the plan itself. */
export interface PlanJSONContext {
  readonly version: string;
  /** The state the plan was made against, when the folder's state still is it: prior outputs come from it. */
  readonly prior?: State;
  /** Non-sensitive variable values the plan was made with. */
  readonly variables?: Readonly<Record<string, JsonValue>>;
}

/** Terraform's JSON plan representation of a runform plan (secrets left out). */
export function planJSON(plan: Plan, ctx: PlanJSONContext) {
  const priorResources = plan.changes.flatMap((c) =>
    'before' in c ? [stateResourceJSON(c.address, c.provider, c.before)] : [],
  );
  const planned = plan.changes.flatMap((c) =>
    'after' in c
      ? [stateResourceJSON(c.address, c.provider, c.after)]
      : c.action === 'no-op'
        ? [stateResourceJSON(c.address, c.provider, c.before)]
        : [],
  );
  const outputs: Record<string, object> = {};
  for (const [n, o] of ctx.prior ? [...ctx.prior.outputs] : []) outputs[n] = outputJSON(o.value, o.sensitive);
  const plannedOutputs: Record<string, object> = {};
  if (plan.mode !== 'destroy') {
    for (const [n, raw] of Object.entries(plan.outputs)) {
      const o = plannedOutput(raw);
      if (o.known) plannedOutputs[n] = outputJSON(o.value, o.sensitive);
    }
  }
  return {
    format_version: JSON_FORMAT_VERSION,
    runform_version: ctx.version,
    ...(ctx.variables
      ? { variables: Object.fromEntries(Object.entries(ctx.variables).map(([k, value]) => [k, { value }])) }
      : {}),
    planned_values: { outputs: plannedOutputs, root_module: { resources: planned } },
    resource_drift: plan.drift.map(resourceDriftJSON),
    resource_changes: plan.changes.map(resourceChangeJSON),
    output_changes: outputChangesJSON(plan, ctx.prior),
    prior_state: {
      format_version: JSON_FORMAT_VERSION,
      runform_version: ctx.version,
      values: { outputs, root_module: { resources: priorResources } },
    },
    applyable: plan.changes.some((c) => c.action !== 'no-op') || plan.drift.length > 0,
    complete: true,
    errored: false,
  };
}
