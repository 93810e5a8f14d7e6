import { type IndexKey, instanceOf, type ResourceAddr } from '../../addrs/index.js';
import type { AttrPath, JsonObject, JsonValue } from '../json.js';
import { type InstanceObject, type OutputValue, State } from '../state.js';
import { type ByteSpan, joined, Utf8Blocks } from './bytes.js';
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
  // The lists just parsed are checked in place and kept: a state has thousands of them, mostly empty.
  const sensitivePaths = c.array(o.sensitive_paths, `${path}.sensitive_paths`);
  for (let i = 0; i < sensitivePaths.length; i++) c.attrPath(sensitivePaths[i], `${path}.sensitive_paths[${i}]`);
  const dependencies = c.array(o.dependencies, `${path}.dependencies`);
  for (let i = 0; i < dependencies.length; i++) c.resourceAddr(dependencies[i], `${path}.dependencies[${i}]`);
  const object: InstanceObject = {
    attributes: c.json(o.attributes, `${path}.attributes`),
    sensitivePaths: sensitivePaths as AttrPath[],
    dependencies: dependencies as ResourceAddr[],
    ...(status === undefined ? {} : { status }),
    ...(o.identity === undefined ? {} : { identity: c.json(o.identity, `${path}.identity`) }),
  };
  const deposed = o.deposed === undefined ? undefined : c.name(o.deposed, `${path}.deposed`);
  if (key === undefined && deposed === undefined) return { object };
  return { ...(key === undefined ? {} : { key }), ...(deposed === undefined ? {} : { deposed }), object };
}

// Each instance's JSON text, by object: where a journal line encoded it (the part after the opening
// brace, so that a state file entry can write its key first), or the text a remote backend's journal
// asked for. An InstanceObject is never changed in place (every change to the state sets a new
// object), so its text stays right for as long as the object lives: the journal line of a change
// and the next compaction share one encoding, which the compaction copies.
const bodies = new WeakMap<InstanceObject, ByteSpan | string>();

/** An instance's JSON text without its key and deposed name: the part journal lines and state files share. */
export function instanceBody(o: InstanceObject): string {
  const done = bodies.get(o);
  if (typeof done === 'string') return done;
  if (done !== undefined) return `{${done.block.toString('utf8', done.start, done.end)}`;
  const text = instanceJson(o, false);
  bodies.set(o, text);
  return text;
}

const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');
const STATUS_BYTES = { pending: utf8('"status":"pending",'), tainted: utf8('"status":"tainted",') } as const;
const IDENTITY_TRUE = utf8('"identity":true,');
const IDENTITY = utf8('"identity":');
const ATTRIBUTES = utf8('"attributes":');
const PATHS = utf8(',"sensitive_paths":');
const NO_PATHS = utf8(',"sensitive_paths":[]');
const DEPENDENCIES = utf8(',"dependencies":');
const NO_DEPENDENCIES_END = utf8(',"dependencies":[]}');

/** More than the constant pieces of an instance's text take together. */
const CONSTANT_ROOM = 128;

/**
 * Appends instanceJson(o) without its opening brace. Every piece is appended as it is, never joined
 * into a longer string first (joining builds a rope that encoding must flatten, a copy that costs
 * more than the encoding itself). An encoding kept earlier is copied instead. With `keep` (a
 * journal, whose blocks are never reused), this encoding is kept for the next compaction.
 */
export function writeInstanceRest(w: Utf8Blocks, o: InstanceObject, identityShorthand = false, keep = false): void {
  const kept = keep && !identityShorthand;
  if (!identityShorthand) {
    const done = bodies.get(o);
    if (typeof done === 'string') {
      w.str(done.slice(1));
      return;
    }
    if (done !== undefined) {
      w.span(done);
      return;
    }
  }
  const q = JSON.stringify;
  const attrs = q(o.attributes);
  const identity = o.identity === undefined || identityShorthand ? '' : q(o.identity);
  const paths = o.sensitivePaths.length === 0 ? '' : q(o.sensitivePaths);
  const d = o.dependencies;
  const deps = d.length === 0 ? '' : d.length === 1 ? q(d[0]) : q([...new Set(d)].sort());
  // Kept bytes are one run of a block, so that they can be copied as one span.
  const start = kept ? w.reserve(3 * (attrs.length + identity.length + paths.length + deps.length) + CONSTANT_ROOM) : 0;
  if (o.status !== undefined) w.bytes(STATUS_BYTES[o.status]);
  if (o.identity !== undefined) {
    if (identityShorthand) w.bytes(IDENTITY_TRUE);
    else {
      w.bytes(IDENTITY);
      w.str(identity);
      w.byte(0x2c); // ,
    }
  }
  w.bytes(ATTRIBUTES);
  w.str(attrs);
  if (paths === '') w.bytes(NO_PATHS);
  else {
    w.bytes(PATHS);
    w.str(paths);
  }
  if (d.length === 0) w.bytes(NO_DEPENDENCIES_END);
  else {
    w.bytes(DEPENDENCIES);
    if (d.length === 1) w.byte(0x5b); // [
    w.str(deps);
    if (d.length === 1) w.byte(0x5d); // ]
    w.byte(0x7d); // }
  }
  if (kept) bodies.set(o, w.spanFrom(start));
}

// A text form is encoded by the byte writer and read back, so that each format has one encoder.
const scratch = new Utf8Blocks();

/** The text that `write` appends, encoded through one reused block. */
export function encodedText(write: (w: Utf8Blocks) => void): string {
  try {
    write(scratch);
    return joined(scratch.take()).toString('utf8');
  } finally {
    scratch.take();
    scratch.reuse();
  }
}

/**
 * JSON.stringify(encodeInstance(o)) without the intermediate object. With `identityShorthand`, the
 * identity is written as `true` (journal lines of version 2 read it as "the same as attributes").
 */
export function instanceJson(o: InstanceObject, identityShorthand: boolean): string {
  return encodedText((w) => {
    w.byte(0x7b); // {
    writeInstanceRest(w, o, identityShorthand);
  });
}

/** Writes an entry of a state file's `instances` (the keys in encodeInstance's order). */
function writeInstance(w: Utf8Blocks, o: InstanceObject, key?: IndexKey, deposed?: string): void {
  w.byte(0x7b); // {
  if (key !== undefined) {
    w.bytes(INDEX_KEY);
    if (typeof key === 'number') w.int(key);
    else w.str(JSON.stringify(key));
    w.byte(0x2c); // ,
  }
  if (deposed !== undefined) {
    w.bytes(DEPOSED);
    w.str(JSON.stringify(deposed));
    w.byte(0x2c); // ,
  }
  writeInstanceRest(w, o);
}

const INDEX_KEY = utf8('"index_key":');
const DEPOSED = utf8('"deposed":');
// The layout of a resource around its instances.
const RESOURCE_FIRST = utf8('\n    {\n      "mode": ');
const RESOURCE_NEXT = utf8(',\n    {\n      "mode": ');
const TYPE = utf8(',\n      "type": ');
const NAME = utf8(',\n      "name": ');
const PROVIDER = utf8(',\n      "provider": ');
const INSTANCES = utf8(',\n      "instances": [\n        ');
const NEXT_INSTANCE = utf8(',\n        ');
const RESOURCE_END = utf8('\n      ]\n    }');

/**
 * Encodes a state as the UTF-8 bytes of a version 1 file (version 2 when it holds deposed objects),
 * into `w`, handing over what was encoded whenever it reaches `every` bytes (and at the end): each
 * hand-over is written before the encoding goes on. Resources and instances are sorted so that
 * diffs stay small. The envelope is indented; each instance takes one line, so that a change to an
 * instance is a one-line diff.
 */
function* encodeV1Parts(state: State, w: Utf8Blocks, every: number): Generator<Buffer[], void, void> {
  let anyDeposed = false;
  const q = JSON.stringify;
  const resources = [...state.resources()].sort((a, b) => cmp(a.addr, b.addr));
  const outputs: JsonObject = {};
  for (const name of [...state.outputs.keys()].sort(cmp)) {
    const o = state.outputs.get(name)!;
    outputs[name] = { value: o.value, sensitive: o.sensitive };
  }
  // Modes, types and providers repeat across resources: each is encoded once.
  const quoted = new Map<string, Buffer>();
  const once = (s: string): Buffer => {
    let t = quoted.get(s);
    if (t === undefined) {
      t = utf8(q(s));
      quoted.set(s, t);
    }
    return t;
  };
  for (const r of resources) if (r.deposed.size > 0) anyDeposed = true;
  w.str(`{\n  "version": ${anyDeposed ? VERSION_2 : VERSION_1},\n  "lineage": ${q(state.lineage)},\n`);
  w.str(`  "serial": ${state.serial},\n  "resources": ${resources.length === 0 ? '[]' : '['}`);
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i]!;
    w.bytes(i === 0 ? RESOURCE_FIRST : RESOURCE_NEXT);
    w.bytes(once(r.mode));
    w.bytes(TYPE);
    w.bytes(once(r.type));
    w.bytes(NAME);
    w.str(q(r.name));
    w.bytes(PROVIDER);
    w.bytes(once(r.provider));
    w.bytes(INSTANCES);
    const entries = [...r.instances.values()];
    if (entries.length > 1) entries.sort((a, b) => cmpKey(a.key, b.key));
    let n = 0;
    for (const e of entries) {
      if (n++ > 0) w.bytes(NEXT_INSTANCE);
      writeInstance(w, e.object, e.key);
    }
    if (r.deposed.size > 0) {
      const deposed = [...r.deposed.values()].sort((a, b) => cmpKey(a.key, b.key) || cmp(a.deposed, b.deposed));
      for (const d of deposed) {
        if (n++ > 0) w.bytes(NEXT_INSTANCE);
        writeInstance(w, d.object, d.key, d.deposed);
      }
    }
    w.bytes(RESOURCE_END);
    if (w.size >= every) yield w.take();
  }
  // Strings escape their newlines, so every newline of the outputs' text is layout, safe to indent.
  const outs = JSON.stringify(outputs, null, 2).replaceAll('\n', '\n  ');
  w.str(`${resources.length === 0 ? '' : '\n  ]'},\n  "outputs": ${outs}\n}\n`);
  yield w.take();
}

/** Encodes a state as the UTF-8 bytes of a version 1 or 2 file, in chunks to write in order. */
export function encodeV1Chunks(state: State): Buffer[] {
  const [chunks] = encodeV1Parts(state, new Utf8Blocks(), Number.POSITIVE_INFINITY);
  return chunks!;
}

/**
 * encodeV1Chunks in parts of about `every` bytes, each to be written before the next is asked for:
 * the memory under a part is used again for a later one, so a big state is encoded through a few
 * blocks that stay warm, not into fresh memory as large as the file.
 */
export function* encodeV1Stream(state: State, every = 1_048_576): Generator<Buffer[], void, void> {
  const w = new Utf8Blocks();
  for (const part of encodeV1Parts(state, w, every)) {
    yield part;
    w.reuse();
  }
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
    const addr = c.resourceOf({ mode, type, name }, `${path} (type and name)`);
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
