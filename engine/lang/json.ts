// Values to and from plain JSON, for the state file, plan files and the JSON functions; types to and
// from cty's JSON type notation ("string", ["list","string"], ["object",{…}]) so a file can carry both.
import { ConvertError } from './convert.js';
import type { Path } from './marks.js';
import { type Type, tBool, tDynamic, tList, tMap, tNumber, tObject, tSet, tString, tTuple } from './types.js';
import {
  bool,
  list,
  map,
  nullOf,
  num,
  object,
  objectOfDistinct,
  set,
  str,
  tuple,
  UNKNOWN,
  type Value,
} from './values.js';

/** Plain JSON data. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The JSON form of a wholly known value. Unknowns cannot be stored: passing one is a programmer error. Marks are dropped (see sensitivePaths). */
export function toJSON(v: Value): Json {
  const p = v.payload;
  if (p === UNKNOWN) throw new Error('toJSON: value is not wholly known');
  if (p === null || typeof p === 'string' || typeof p === 'number' || typeof p === 'boolean') return p;
  if (Array.isArray(p)) return (p as readonly Value[]).map(toJSON);
  const out: { [key: string]: Json } = {};
  for (const [k, e] of p as ReadonlyMap<string, Value>) out[k] = toJSON(e);
  return out;
}

/** Every path inside the value that is unknown, for plan files that must record what is not yet known. */
export function unknownPaths(v: Value): Path[] {
  const out: Path[] = [];
  const walk = (x: Value, path: (string | number)[]): void => {
    const p = x.payload;
    if (p === UNKNOWN) out.push([...path]);
    else if (Array.isArray(p))
      (p as readonly Value[]).forEach((e, i) => {
        walk(e, [...path, i]);
      });
    else if (p instanceof Map) for (const [k, e] of p) walk(e, [...path, k]);
  };
  walk(v, []);
  return out;
}

/**
 * A value from JSON. With a type, the JSON must fit it (ConvertError otherwise) and objects lacking
 * attributes get null ones; without, the type is inferred (arrays become tuples, objects objects).
 */
export function fromJSON(json: unknown, type: Type = tDynamic, path: Path = []): Value {
  if (json === null || json === undefined) return nullOf(type);
  const bad = (what: string): never => {
    throw new ConvertError(`${what} required`, path);
  };
  switch (type.kind) {
    case 'dynamic':
      return infer(json, path);
    case 'string':
      return typeof json === 'string' ? str(json) : bad('string');
    case 'number':
      return typeof json === 'number' ? num(json) : bad('number');
    case 'bool':
      return typeof json === 'boolean' ? bool(json) : bad('bool');
    case 'list':
    case 'set': {
      if (!Array.isArray(json)) return bad(type.kind);
      const items = json.map((e, i) => fromJSON(e, type.elem, [...path, i]));
      return type.kind === 'list' ? list(type.elem, items) : set(type.elem, items);
    }
    case 'tuple': {
      if (!Array.isArray(json) || json.length !== type.elems.length)
        return bad(`tuple of ${type.elems.length} elements`);
      return tuple(json.map((e, i) => fromJSON(e, type.elems[i], [...path, i])));
    }
    case 'map': {
      if (typeof json !== 'object' || Array.isArray(json)) return bad('map');
      return map(
        type.elem,
        Object.entries(json as Record<string, unknown>).map(
          ([k, e]) => [k, fromJSON(e, type.elem, [...path, k])] as const,
        ),
      );
    }
    case 'object': {
      if (typeof json !== 'object' || Array.isArray(json)) return bad('object');
      const rec = json as Record<string, unknown>;
      return object(
        [...type.attrs].map(([k, t]) => [k, fromJSON(Object.hasOwn(rec, k) ? rec[k] : null, t, [...path, k])] as const),
      );
    }
  }
}

function leaf(json: unknown): Value | undefined {
  if (json === null) return nullOf(tDynamic);
  if (typeof json === 'string') return str(json);
  if (typeof json === 'number') return num(json);
  if (typeof json === 'boolean') return bool(json);
  return undefined;
}

function infer(json: unknown, path: Path): Value {
  const l = leaf(json);
  if (l) return l;
  // The path only matters for an error: it is built for containers, never for the many leaves.
  const at = (e: unknown, k: string | number): Value => leaf(e) ?? infer(e, [...path, k]);
  if (Array.isArray(json)) return tuple(json.map((e, i) => at(e, i)));
  if (typeof json === 'object') {
    const rec = json as Record<string, unknown>;
    const entries: (readonly [string, Value])[] = [];
    for (const k in rec) if (Object.hasOwn(rec, k)) entries.push([k, at(rec[k], k)]);
    return objectOfDistinct(entries);
  }
  throw new ConvertError('JSON value required', path);
}

/** A type in cty's JSON notation. */
export function typeToJSON(t: Type): Json {
  switch (t.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return t.kind;
    case 'dynamic':
      return 'dynamic';
    case 'list':
    case 'set':
    case 'map':
      return [t.kind, typeToJSON(t.elem)];
    case 'object': {
      const attrs: { [k: string]: Json } = {};
      for (const [k, a] of t.attrs) attrs[k] = typeToJSON(a);
      return t.optional ? ['object', attrs, [...t.optional]] : ['object', attrs];
    }
    case 'tuple':
      return ['tuple', t.elems.map(typeToJSON)];
  }
}

/** A type from cty's JSON notation; throws ConvertError when the notation is malformed. */
export function typeFromJSON(j: unknown): Type {
  const prim: Readonly<Record<string, Type>> = { string: tString, number: tNumber, bool: tBool, dynamic: tDynamic };
  if (typeof j === 'string' && prim[j]) return prim[j];
  if (Array.isArray(j) && j.length >= 2 && typeof j[0] === 'string') {
    const [k, a, opt] = j as [string, unknown, unknown];
    if (k === 'list') return tList(typeFromJSON(a));
    if (k === 'set') return tSet(typeFromJSON(a));
    if (k === 'map') return tMap(typeFromJSON(a));
    if (k === 'tuple' && Array.isArray(a)) return tTuple(a.map(typeFromJSON));
    if (k === 'object' && a && typeof a === 'object' && !Array.isArray(a)) {
      const optional = Array.isArray(opt) ? opt.filter((o): o is string => typeof o === 'string') : undefined;
      return tObject(
        Object.entries(a as Record<string, unknown>).map(([n, t]) => [n, typeFromJSON(t)] as const),
        optional,
      );
    }
  }
  throw new ConvertError(`invalid type notation ${JSON.stringify(j)}`, []);
}
