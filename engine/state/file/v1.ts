import { type IndexKey, instanceOf, type ResourceAddr, resourceAddr } from '../../addrs/index.js';
import type { JsonObject, JsonValue } from '../json.js';
import { type InstanceObject, type OutputValue, State } from '../state.js';
import { joined, Utf8Blocks } from './bytes.js';
import { Checker } from './check.js';

// Versions 1 and 2 share one shape. Version 2 adds deposed objects: entries of `instances` with a
// `deposed` key, beside the current object of the same `index_key`. A state is written as version
// 2 only while it holds deposed objects, so that a runform that would not delete them refuses it.

/** The first file format version. */
export const VERSION_1 = 1;
/** Version 1 plus deposed objects. */
export const VERSION_2 = 2;

/** An instance as stored in a version 1 or 2 file (and in journal lines). */
export interface InstanceV1 {
  index_key?: IndexKey;
  deposed?: string;
  status?: 'tainted' | 'pending';
  identity?: JsonObject;
  attributes: JsonObject;
  sensitive_paths: (string | number)[][];
  dependencies: string[];
}

/** Encodes an instance (or, with `deposed`, a deposed object) in the version 1 wire shape. */
export function encodeInstance(o: InstanceObject, key?: IndexKey, deposed?: string): InstanceV1 {
  const out: InstanceV1 = {
    ...(key === undefined ? {} : { index_key: key }),
    ...(deposed === undefined ? {} : { deposed }),
    ...(o.status === undefined ? {} : { status: o.status }),
    ...(o.identity === undefined ? {} : { identity: o.identity }),
    attributes: o.attributes,
    sensitive_paths: o.sensitivePaths.map((p) => [...p]),
    dependencies: [...new Set(o.dependencies)].sort(),
  };
  return out;
}

/** Decodes and validates an instance in the version 1 wire shape. */
export function decodeInstance(
  c: Checker,
  raw: unknown,
  path: string,
): { key?: IndexKey; deposed?: string; object: InstanceObject } {
  const o = c.object(raw, path);
  let key: IndexKey | undefined;
  if (o.index_key !== undefined) {
    const k = o.index_key;
    if (typeof k === 'string') key = k;
    else key = c.count(k, `${path}.index_key`);
  }
  const status =
    o.status === undefined ? undefined : c.oneOf(o.status, ['tainted', 'pending'] as const, `${path}.status`);
  const object: InstanceObject = {
    attributes: c.json(o.attributes, `${path}.attributes`),
    sensitivePaths: c
      .array(o.sensitive_paths, `${path}.sensitive_paths`)
      .map((p, i) => c.attrPath(p, `${path}.sensitive_paths[${i}]`)),
    dependencies: c
      .array(o.dependencies, `${path}.dependencies`)
      .map((d, i) => c.resourceAddr(d, `${path}.dependencies[${i}]`)),
    ...(status === undefined ? {} : { status }),
    ...(o.identity === undefined ? {} : { identity: c.json(o.identity, `${path}.identity`) }),
  };
  const deposed = o.deposed === undefined ? undefined : c.name(o.deposed, `${path}.deposed`);
  return { ...(key === undefined ? {} : { key }), ...(deposed === undefined ? {} : { deposed }), object };
}

// Each instance's JSON text, by object. An InstanceObject is never changed in place (every change
// to the state sets a new object), so its text stays right for as long as the object lives: the
// journal line of a change and the next compaction share one serialisation, and a compaction
// serialises only the instances that changed since the last one.
const bodies = new WeakMap<InstanceObject, string>();

/** An instance's JSON text without its key and deposed name: the part journal lines and state files share. */
export function instanceBody(o: InstanceObject): string {
  let text = bodies.get(o);
  if (text === undefined) {
    text = instanceJson(o, false);
    bodies.set(o, text);
  }
  return text;
}

const STATUS_JSON = { pending: '"status":"pending",', tainted: '"status":"tainted",' } as const;

/**
 * JSON.stringify(encodeInstance(o)) without the intermediate object. With `identityShorthand`, the
 * identity is written as `true` (journal lines of version 2 read it as "the same as attributes").
 */
export function instanceJson(o: InstanceObject, identityShorthand: boolean): string {
  const q = JSON.stringify;
  const status = o.status === undefined ? '' : STATUS_JSON[o.status];
  const identity = o.identity === undefined ? '' : `"identity":${identityShorthand ? 'true' : q(o.identity)},`;
  const paths = o.sensitivePaths.length === 0 ? '[]' : q(o.sensitivePaths);
  const d = o.dependencies;
  const deps = d.length === 0 ? '[]' : d.length === 1 ? `[${q(d[0])}]` : q([...new Set(d)].sort());
  return `{${status}${identity}"attributes":${q(o.attributes)},"sensitive_paths":${paths},"dependencies":${deps}}`;
}

/** Writes an entry of a state file's `instances` (the keys in encodeInstance's order). */
function writeInstance(w: Utf8Blocks, o: InstanceObject, key?: IndexKey, deposed?: string): void {
  const body = instanceBody(o);
  if (key === undefined && deposed === undefined) {
    w.str(body);
    return;
  }
  const k = key === undefined ? '' : `"index_key":${JSON.stringify(key)},`;
  const d = deposed === undefined ? '' : `"deposed":${JSON.stringify(deposed)},`;
  w.str(`{${k}${d}${body.slice(1)}`);
}

/**
 * Encodes a state as the UTF-8 bytes of a version 1 file (version 2 when it holds deposed objects),
 * in chunks to write in order. Resources and instances are sorted so that diffs stay small. The
 * envelope is indented; each instance takes one line, so that a change to an instance is a one-line
 * diff and unchanged instances reuse their cached text.
 */
export function encodeV1Chunks(state: State): Buffer[] {
  let anyDeposed = false;
  const q = JSON.stringify;
  const resources = [...state.resources()].sort((a, b) => cmp(a.addr, b.addr));
  const outputs: JsonObject = {};
  for (const name of [...state.outputs.keys()].sort(cmp)) {
    const o = state.outputs.get(name)!;
    outputs[name] = { value: o.value, sensitive: o.sensitive };
  }
  // Types and providers repeat across resources: each is written as JSON once.
  const quoted = new Map<string, string>();
  const once = (s: string): string => {
    let t = quoted.get(s);
    if (t === undefined) {
      t = q(s);
      quoted.set(s, t);
    }
    return t;
  };
  for (const r of resources) if (r.deposed.size > 0) anyDeposed = true;
  const w = new Utf8Blocks();
  w.str(`{\n  "version": ${anyDeposed ? VERSION_2 : VERSION_1},\n  "lineage": ${q(state.lineage)},\n`);
  w.str(`  "serial": ${state.serial},\n  "resources": ${resources.length === 0 ? '[]' : '['}`);
  resources.forEach((r, i) => {
    w.str(
      `${i === 0 ? '' : ','}\n    {\n      "mode": ${once(r.mode)},\n      "type": ${once(r.type)},\n      "name": ${q(r.name)},\n` +
        `      "provider": ${once(r.provider)},\n      "instances": [\n        `,
    );
    const entries = [...r.instances.values()];
    if (entries.length > 1) entries.sort((a, b) => cmpKey(a.key, b.key));
    let n = 0;
    for (const e of entries) {
      if (n++ > 0) w.str(',\n        ');
      writeInstance(w, e.object, e.key);
    }
    if (r.deposed.size > 0) {
      const deposed = [...r.deposed.values()].sort((a, b) => cmpKey(a.key, b.key) || cmp(a.deposed, b.deposed));
      for (const d of deposed) {
        if (n++ > 0) w.str(',\n        ');
        writeInstance(w, d.object, d.key, d.deposed);
      }
    }
    w.str('\n      ]\n    }');
  });
  // Strings escape their newlines, so every newline of the outputs' text is layout, safe to indent.
  const outs = JSON.stringify(outputs, null, 2).replaceAll('\n', '\n  ');
  w.str(`${resources.length === 0 ? '' : '\n  ]'},\n  "outputs": ${outs}\n}\n`);
  return w.take();
}

/** encodeV1Chunks as text. */
export function encodeV1Text(state: State): string {
  return joined(encodeV1Chunks(state)).toString('utf8');
}

/** Decodes and validates a version 1 document. */
export function decodeV1(raw: Record<string, unknown>, location: string): State {
  return decodeDoc(raw, location, false);
}

/** Decodes and validates a version 2 document. */
export function decodeV2(raw: Record<string, unknown>, location: string): State {
  return decodeDoc(raw, location, true);
}

function decodeDoc(raw: Record<string, unknown>, location: string, deposedAllowed: boolean): State {
  const c = new Checker(location);
  const state = new State(c.name(raw.lineage, 'lineage'), c.count(raw.serial, 'serial'));
  c.array(raw.resources, 'resources').forEach((rr, i) => {
    const path = `resources[${i}]`;
    const r = c.object(rr, path);
    const mode = c.oneOf(r.mode, ['managed', 'data'] as const, `${path}.mode`);
    const type = c.name(r.type, `${path}.type`);
    const name = c.name(r.name, `${path}.name`);
    const provider = c.providerAddr(r.provider, `${path}.provider`);
    const addr = c.resourceAddr(resourceAddr({ mode, type, name }), `${path} (type and name)`);
    if (state.resource(addr)) c.fail(path, `repeats resource ${addr}`);
    const instances = c.array(r.instances, `${path}.instances`);
    if (instances.length === 0) c.fail(`${path}.instances`, 'must not be empty');
    instances.forEach((ri, j) => {
      const where = `${path}.instances[${j}]`;
      const { key, deposed, object } = decodeInstance(c, ri, where);
      const iaddr = instanceOf(addr as ResourceAddr, key);
      if (deposed !== undefined) {
        if (!deposedAllowed) c.fail(`${where}.deposed`, 'is not allowed before state format version 2');
        if (state.deposedObject(iaddr, deposed)) c.fail(where, `repeats deposed object ${deposed} of ${iaddr}`);
        state.setDeposed(iaddr, provider, deposed, object);
        return;
      }
      if (state.instance(iaddr)) c.fail(where, `repeats instance ${iaddr}`);
      state.setInstance(iaddr, provider, object);
    });
  });
  const outputs = c.object(raw.outputs, 'outputs');
  for (const [name, ro] of Object.entries(outputs)) {
    const o = c.object(ro, `outputs.${name}`);
    if (!('value' in o)) c.fail(`outputs.${name}.value`, 'is missing');
    const out: OutputValue = {
      value: o.value as JsonValue,
      sensitive: c.bool(o.sensitive, `outputs.${name}.sensitive`),
    };
    state.outputs.set(name, out);
  }
  return state;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// Numbers before strings, numbers by value, strings by code unit.
function cmpKey(a: IndexKey | undefined, b: IndexKey | undefined): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return cmp(a, b);
  return (typeof a === 'number' ? 0 : 1) - (typeof b === 'number' ? 0 : 1);
}
