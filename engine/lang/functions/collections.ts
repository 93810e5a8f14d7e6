// Collection functions that select, combine and reshape lists, tuples, maps and objects.
import { ConvertError, convertOrThrow } from '../convert.js';
import { equals } from '../equality.js';
import { type Type, tDynamic, tList, tNumber, tString, typeEquals, unifyTypes } from '../types.js';
import {
  asNumber,
  asString,
  attributes,
  elements,
  isKnown,
  isNull,
  isWhollyKnown,
  list,
  map,
  nullOf,
  num,
  object,
  set,
  str,
  tuple,
  unknown,
  type Value,
  withSensitive,
} from '../values.js';
import { nullable, param } from './params.js';
import { FuncError, type FunctionSpec } from './spec.js';
import { graphemes } from './strings.js';

const anyParam = (name: string) => param(name, tDynamic);
/** An unknown of dynamic type might turn out to be any kind, so shape checks let it through. */
const unknownDyn = (v: Value) => !isKnown(v) && v.type.kind === 'dynamic';
const isSeq = (v: Value) => unknownDyn(v) || ['list', 'set', 'tuple'].includes(v.type.kind);
const isMapLike = (v: Value) => unknownDyn(v) || v.type.kind === 'map' || v.type.kind === 'object';

function sameKind(orig: Value, items: readonly Value[]): Value {
  if (orig.type.kind === 'list') return list((orig.type as { elem: Type }).elem, items);
  if (orig.type.kind === 'set') return set((orig.type as { elem: Type }).elem, items);
  return tuple(items);
}

function requireInt(v: Value, arg: number): number {
  const n = asNumber(v);
  if (!Number.isInteger(n)) throw new FuncError('must be a whole number', arg);
  return n;
}

/** Collection functions by name. */
export const collectionFunctions: Record<string, FunctionSpec> = {
  length: {
    params: [anyParam('value')],
    returns: tNumber,
    marks: 'shallow',
    allowUnknown: true,
    impl: ([v]) => {
      if (!isKnown(v)) return unknown(tNumber);
      const k = v.type.kind;
      if (k === 'string') return num(graphemes(asString(v)).length);
      if (k === 'set' && !isWhollyKnown(v)) return unknown(tNumber);
      if (k === 'list' || k === 'set' || k === 'tuple') return num(elements(v).length);
      if (k === 'map' || k === 'object') return num(attributes(v).size);
      throw new FuncError('argument must be a string, a collection type, or a structural type', 0);
    },
  },
  element: {
    params: [anyParam('list'), param('index', tNumber)],
    marks: 'shallow',
    allowUnknown: true,
    impl: ([l, i]) => {
      if (!isSeq(l) || l.type.kind === 'set') throw new FuncError('cannot read elements from set or non-list value', 0);
      if (!isKnown(l) || !isKnown(i))
        return unknown(l.type.kind === 'list' ? (l.type as { elem: Type }).elem : tDynamic);
      const items = elements(l);
      const idx = requireInt(i, 1);
      if (idx < 0) throw new FuncError('cannot use element function with a negative index', 1);
      if (items.length === 0) throw new FuncError('cannot use element function with an empty list', 0);
      return items[idx % items.length];
    },
  },
  lookup: {
    params: [anyParam('inputMap'), param('key', tString)],
    variadic: nullable('default', tDynamic),
    marks: 'shallow',
    allowUnknown: true,
    impl: ([m, k, ...rest]) => {
      if (rest.length > 1) throw new FuncError('lookup() takes at most three arguments', 3);
      if (!isMapLike(m)) throw new FuncError('must be a map or object', 0);
      if (!isKnown(m) || !isKnown(k)) return unknown(tDynamic);
      const got = attributes(m).get(asString(k));
      if (got) return got;
      if (rest.length === 1) {
        if (m.type.kind === 'map') {
          try {
            return convertOrThrow(rest[0], (m.type as { elem: Type }).elem);
          } catch (e) {
            if (e instanceof ConvertError)
              throw new FuncError(`the default value must have the map's element type: ${e.message}`, 2);
            throw e;
          }
        }
        return rest[0];
      }
      throw new FuncError(`lookup failed to find key "${asString(k)}"`, 1);
    },
  },
  merge: {
    params: [],
    variadic: nullable('maps', tDynamic),
    marks: 'shallow',
    allowUnknown: true,
    impl: (args) => {
      const out = new Map<string, Value>();
      let allMaps = true;
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (isNull(a)) continue;
        if (!isMapLike(a)) throw new FuncError(`arguments must be maps or objects, got ${a.type.kind}`, i);
        if (!isKnown(a)) return unknown(tDynamic);
        if (a.type.kind !== 'map') allMaps = false;
        for (const [k, v] of attributes(a)) out.set(k, v);
      }
      const vals = [...out.values()];
      if (allMaps && vals.every((v) => typeEquals(v.type, vals[0]?.type ?? tDynamic))) {
        const elem =
          vals[0]?.type ?? (args.find((a) => !isNull(a))?.type as { elem?: Type } | undefined)?.elem ?? tDynamic;
        return map(elem, out);
      }
      return object(out);
    },
  },
  concat: {
    params: [],
    variadic: anyParam('seqs'),
    marks: 'shallow',
    allowUnknown: true,
    impl: (args) => {
      const items: Value[] = [];
      let allLists = true;
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (!isSeq(a)) throw new FuncError('all arguments must be lists or tuples', i);
        if (!isKnown(a)) return unknown(tDynamic);
        if (a.type.kind !== 'list') allLists = false;
        items.push(...elements(a));
      }
      if (allLists && args.length > 0 && args.every((a) => typeEquals(a.type, args[0].type)))
        return list((args[0].type as { elem: Type }).elem, items);
      return tuple(items);
    },
  },
  compact: {
    params: [param('list', tList(tString))],
    returns: tList(tString),
    impl: ([l]) =>
      list(
        tString,
        elements(l).filter((e) => !isNull(e) && asString(e) !== ''),
      ),
  },
  flatten: {
    params: [anyParam('list')],
    marks: 'shallow',
    allowUnknown: true,
    impl: ([l]) => {
      if (!isSeq(l)) throw new FuncError('can only flatten lists, sets and tuples', 0);
      const out: Value[] = [];
      let unknownInside = false;
      // A mark on a nested list moves onto the elements that flattening lifts out of it.
      const walk = (v: Value, sensitive: boolean): void => {
        if (!isSeq(v) || isNull(v)) {
          out.push(sensitive ? withSensitive(v, true) : v);
          return;
        }
        // An unknown that may be a list hides how many elements the result has.
        if (!isKnown(v)) unknownInside = true;
        else for (const e of elements(v)) walk(e, sensitive || v.sensitive);
      };
      walk(l, false);
      return unknownInside ? unknown(tDynamic) : tuple(out);
    },
  },
  slice: {
    params: [anyParam('list'), param('start_index', tNumber), param('end_index', tNumber)],
    marks: 'shallow',
    impl: ([l, s, e]) => {
      if (!isSeq(l) || l.type.kind === 'set') throw new FuncError('must be a list or tuple value', 0);
      const items = elements(l);
      const a = requireInt(s, 1);
      const b = requireInt(e, 2);
      if (a < 0) throw new FuncError('start index must not be less than zero', 1);
      if (b > items.length) throw new FuncError('end index must not be greater than the length of the list', 2);
      if (a > b) throw new FuncError('start index must not be greater than end index', 1);
      return sameKind(l, items.slice(a, b));
    },
  },
  keys: {
    params: [anyParam('inputMap')],
    returns: tList(tString),
    marks: 'shallow',
    allowUnknown: true,
    impl: ([m]) => {
      if (!isMapLike(m)) throw new FuncError('must be a map or object', 0);
      if (!isKnown(m)) return unknown(tList(tString));
      return list(tString, [...attributes(m).keys()].map(str));
    },
  },
  values: {
    params: [anyParam('mapping')],
    marks: 'shallow',
    impl: ([m]) => {
      if (!isMapLike(m)) throw new FuncError('must be a map or object', 0);
      const vals = [...attributes(m).values()];
      return m.type.kind === 'map' ? list((m.type as { elem: Type }).elem, vals) : tuple(vals);
    },
  },
  contains: {
    params: [anyParam('list'), nullable('value', tDynamic)],
    returns: { kind: 'bool' },
    impl: ([l, v]) => {
      if (!isSeq(l)) throw new FuncError('must be a list, set or tuple', 0);
      const elem = l.type.kind === 'tuple' ? undefined : (l.type as { elem: Type }).elem;
      let probe = v;
      if (elem) {
        try {
          probe = convertOrThrow(v, elem);
        } catch {
          return { type: { kind: 'bool' }, payload: false, sensitive: false };
        }
      }
      const found = elements(l).some((e) => equals(e, probe) === true);
      return { type: { kind: 'bool' }, payload: found, sensitive: false };
    },
  },
  distinct: {
    params: [param('list', tList(tDynamic))],
    impl: ([l]) => {
      const out: Value[] = [];
      for (const e of elements(l)) if (!out.some((o) => equals(o, e) === true)) out.push(e);
      return list((l.type as { elem: Type }).elem, out);
    },
  },
  index: {
    params: [anyParam('list'), anyParam('value')],
    returns: tNumber,
    impl: ([l, v]) => {
      if (!isSeq(l) || l.type.kind === 'set') throw new FuncError('argument must be a list or tuple', 0);
      const i = elements(l).findIndex((e) => equals(e, v) === true || equals(e, safeConvert(v, e.type)) === true);
      if (i < 0) throw new FuncError('item not found', 1);
      return num(i);
    },
  },
  reverse: {
    params: [anyParam('list')],
    marks: 'shallow',
    impl: ([l]) => {
      if (!isSeq(l)) throw new FuncError('can only reverse list or tuple values', 0);
      const items = [...elements(l)].reverse();
      return l.type.kind === 'set' ? list((l.type as { elem: Type }).elem, items) : sameKind(l, items);
    },
  },
  sort: {
    params: [param('list', tList(tString))],
    returns: tList(tString),
    impl: ([l]) => {
      const items = elements(l);
      items.forEach((e, i) => {
        if (isNull(e)) throw new FuncError(`given list element ${i} is null; a null string cannot be sorted`, 0);
      });
      return list(
        tString,
        [...items].sort((a, b) => (asString(a) < asString(b) ? -1 : asString(a) > asString(b) ? 1 : 0)),
      );
    },
  },
  coalesce: {
    params: [],
    variadic: nullable('vals', tDynamic),
    marks: 'shallow',
    allowUnknown: true,
    impl: (args) => {
      const unified = unifyTypes(args.map((a) => a.type));
      if (!unified) throw new FuncError('all arguments must have the same type');
      for (const a of args) {
        if (!isKnown(a)) return unknown(unified);
        if (isNull(a)) continue;
        const c = convertOrThrow(a, unified);
        if (c.type.kind === 'string' && isKnown(c) && asString(c) === '') continue;
        return c;
      }
      throw new FuncError('no non-null, non-empty-string arguments');
    },
  },
  coalescelist: {
    params: [],
    variadic: nullable('vals', tDynamic),
    marks: 'shallow',
    allowUnknown: true,
    impl: (args) => {
      if (args.length === 0) throw new FuncError('at least one argument is required');
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (isNull(a)) continue;
        if (!isSeq(a)) throw new FuncError('coalescelist arguments must be lists or tuples', i);
        if (!isKnown(a)) return unknown(tDynamic);
        if (elements(a).length > 0) return a;
      }
      throw new FuncError('no non-null arguments');
    },
  },
  zipmap: {
    params: [param('keys', tList(tString)), anyParam('values')],
    marks: 'shallow',
    allowUnknown: true,
    impl: ([k, v]) => {
      if (!isSeq(v) || v.type.kind === 'set') throw new FuncError('values must be a list or tuple', 1);
      // Unknown values stay inside the map; only unknown keys or lengths hide its shape.
      if (!isWhollyKnown(k) || !isKnown(v)) return unknown(tDynamic);
      const ks = elements(k);
      const vs = elements(v);
      if (ks.length !== vs.length)
        throw new FuncError(`number of keys (${ks.length}) does not match number of values (${vs.length})`);
      ks.forEach((e, i) => {
        if (isNull(e)) throw new FuncError(`keys list has null value at index ${i}`, 0);
      });
      const entries = ks.map((e, i) => [asString(e), vs[i]] as const);
      return v.type.kind === 'list' ? map((v.type as { elem: Type }).elem, entries) : object(entries);
    },
  },
  range: {
    params: [],
    variadic: param('params', tNumber),
    returns: tList(tNumber),
    impl: (args) => {
      let start = 0;
      let step = 1;
      let limit: number;
      if (args.length === 1) limit = asNumber(args[0]);
      else if (args.length === 2) [start, limit] = [asNumber(args[0]), asNumber(args[1])];
      else if (args.length === 3) [start, limit, step] = args.map(asNumber);
      else throw new FuncError('must have one, two, or three arguments');
      if (step === 0) throw new FuncError('step must not be zero', 2);
      const out: Value[] = [];
      const up = step > 0;
      for (let x = start; up ? x < limit : x > limit; x += step) {
        if (out.length >= 1024)
          throw new FuncError(
            'more than 1024 values were generated; either decrease the difference between start and end or use a smaller step',
          );
        out.push(num(x));
      }
      return list(tNumber, out);
    },
  },
  one: {
    params: [anyParam('list')],
    marks: 'shallow',
    allowUnknown: true,
    impl: ([l]) => {
      if (!isSeq(l)) throw new FuncError('must be a list, set, or tuple value', 0);
      const elem = l.type.kind === 'tuple' ? tDynamic : (l.type as { elem: Type }).elem;
      if (!isKnown(l)) return unknown(elem);
      const items = elements(l);
      if (items.length === 0) return nullOf(elem);
      if (items.length === 1) return items[0];
      throw new FuncError('must be a list, set, or tuple value with either zero or one elements', 0);
    },
  },
};

function safeConvert(v: Value, t: Type): Value {
  try {
    return convertOrThrow(v, t);
  } catch {
    return v;
  }
}
