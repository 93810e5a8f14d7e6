import type { JsonObject, JsonValue } from '../../providers/provider.js';
import type { AttrPath, Change, PlannedValue, ReplaceReason } from './change.js';
import {
  alignToPrior,
  computedTopLevel,
  differences,
  forcesReplacement,
  isComputedOnly,
  type SchemaInfo,
  schemaSensitivePaths,
  withDefaults,
} from './schema.js';

// The decision for one managed instance: compare its configuration with the live object and
// choose no-op, create, update or replace (with the reason and the paths that force it).

/** The live object of an instance, as refreshed. */
export interface PriorObject {
  readonly value: JsonObject;
  readonly sensitivePaths: readonly AttrPath[];
  readonly tainted: boolean;
}

/** Everything the decision for one instance depends on. */
export interface InstanceInput {
  readonly address: string;
  readonly type: string;
  readonly provider: string;
  readonly dependencies: readonly string[];
  readonly info: SchemaInfo;
  /** The evaluated configuration (unknown leaves listed). */
  readonly config: PlannedValue;
  readonly prior?: PriorObject;
  readonly ignoreChanges: 'all' | readonly AttrPath[];
  /** A reason to replace decided outside the diff (`--replace`, `replace_triggered_by`). */
  readonly forcedReplace?: ReplaceReason;
  readonly createBeforeDestroy: boolean;
}

/** The change, and the value that references to the instance see from now on. */
export interface InstanceDecision {
  readonly change: Change;
  readonly value: PlannedValue;
}

const key = (p: AttrPath) => JSON.stringify(p);
const NO_KEYS: ReadonlySet<string> = new Set();
const under = (p: AttrPath, prefix: AttrPath) => prefix.every((s, i) => p[i] === s) && p.length >= prefix.length;

/** Plans one managed instance. Pure. */
export function planInstance(input: InstanceInput): InstanceDecision {
  const { info, prior } = input;
  const schema = info.schema;
  const base = { address: input.address, type: input.type, provider: input.provider, dependencies: input.dependencies };
  let config = withDefaults(input.config.value, schema);
  let unknownPaths: readonly AttrPath[] = input.config.unknownPaths;
  const computed = computedTopLevel(schema);

  if (!prior) {
    const after = finish(config, unknownPaths, input.config.sensitivePaths, computed, undefined, info);
    return { change: { ...base, action: 'create', after }, value: after };
  }
  const before: PlannedValue = {
    value: prior.value,
    unknownPaths: [],
    sensitivePaths: mergePaths(prior.sensitivePaths, schemaSensitivePaths(prior.value, schema)),
  };
  // ignore_changes: the live value stands in for the configured one at each ignored path.
  const ignored =
    input.ignoreChanges === 'all' ? Object.keys({ ...config, ...prior.value }).map((k) => [k]) : input.ignoreChanges;
  for (const path of ignored) {
    if (isComputedOnly(schema.attributes[String(path[0])])) continue;
    config = setPath(config, path, getPath(prior.value, path));
    unknownPaths = unknownPaths.filter((u) => !under(u, path));
  }
  const topLevel = new Set<string>();
  for (const k of Object.keys(config)) topLevel.add(k);
  for (const k of Object.keys(prior.value)) {
    const meta = schema.attributes[k];
    if (meta && !isComputedOnly(meta)) topLevel.add(k);
  }
  for (const [k] of computed) if (!Object.hasOwn(config, k)) topLevel.delete(k);
  const unknownKeys = unknownPaths.length === 0 ? NO_KEYS : new Set(unknownPaths.map(key));
  const diffs = differences(config, prior.value, info, unknownKeys, topLevel);
  const replacePaths = diffs.filter((p) => forcesReplacement(schema, p));

  let reason: ReplaceReason | undefined;
  if (prior.tainted) reason = 'replace_because_tainted';
  else if (input.forcedReplace) reason = input.forcedReplace;
  else if (replacePaths.length > 0) reason = 'replace_because_cannot_update';

  if (reason) {
    const after = finish(config, unknownPaths, input.config.sensitivePaths, computed, undefined, info);
    return {
      change: {
        ...base,
        action: 'replace',
        before,
        after,
        reason,
        replacePaths: reason === 'replace_because_cannot_update' ? replacePaths : [],
        createBeforeDestroy: input.createBeforeDestroy,
      },
      value: after,
    };
  }
  if (diffs.length === 0) {
    const { address, type, provider, dependencies } = input;
    return { change: { address, type, provider, dependencies, action: 'no-op', before }, value: before };
  }
  const aligned = alignToPrior(config, prior.value, info);
  const after = finish(aligned, unknownPaths, input.config.sensitivePaths, computed, prior.value, info);
  return { change: { ...base, action: 'update', before, after }, value: after };
}

/** The planned object: the arguments, and computed attributes taken from the live object or unknown. */
function finish(
  config: JsonObject,
  unknownPaths: readonly AttrPath[],
  sensitive: readonly AttrPath[],
  computed: ReturnType<typeof computedTopLevel>,
  keepFrom: JsonObject | undefined,
  info: SchemaInfo,
): PlannedValue {
  const value: JsonObject = { ...config };
  const unknowns = [...unknownPaths];
  for (const [k] of computed) {
    if (Object.hasOwn(config, k) && config[k] !== null) continue;
    if (keepFrom && Object.hasOwn(keepFrom, k)) value[k] = keepFrom[k];
    else {
      value[k] = null;
      unknowns.push([k]);
    }
  }
  return {
    value,
    unknownPaths: unknowns,
    sensitivePaths: mergePaths(sensitive, schemaSensitivePaths(value, info.schema)),
  };
}

/** The union of two path lists, without repeats. */
export function mergePaths(a: readonly AttrPath[], b: readonly AttrPath[]): AttrPath[] {
  // Most instances have no sensitive paths at all.
  if (a.length + b.length <= 1) return a.length === 1 ? [a[0]!] : b.length === 1 ? [b[0]!] : [];
  const seen = new Set<string>();
  const out: AttrPath[] = [];
  for (const p of [...a, ...b]) {
    const k = key(p);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(p);
    }
  }
  return out;
}

/** The JSON value at a path, or undefined. */
export function getPath(v: JsonValue | undefined, path: AttrPath): JsonValue | undefined {
  let cur = v;
  for (const s of path) {
    if (cur === null || typeof cur !== 'object' || cur === undefined) return undefined;
    cur = Array.isArray(cur) ? (typeof s === 'number' ? cur[s] : undefined) : (cur as JsonObject)[String(s)];
  }
  return cur;
}

/** A copy of the object with the value at `path` replaced (removed when undefined); copies only the spine. */
export function setPath(obj: JsonObject, path: AttrPath, v: JsonValue | undefined): JsonObject {
  if (path.length === 0) return obj;
  const [head, ...rest] = path;
  const k = String(head);
  const out: JsonObject = { ...obj };
  if (rest.length === 0) {
    if (v === undefined) delete out[k];
    else out[k] = v;
    return out;
  }
  const child = out[k];
  if (Array.isArray(child) && typeof rest[0] === 'number') {
    const arr = [...child];
    const inner = setPath({ x: arr[rest[0]] ?? null }, ['x', ...rest.slice(1)], v).x;
    arr[rest[0]] = inner ?? null;
    out[k] = arr;
    return out;
  }
  const childObj = child && typeof child === 'object' && !Array.isArray(child) ? child : {};
  out[k] = setPath(childObj, rest, v);
  return out;
}
