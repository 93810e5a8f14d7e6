// Configuration values: a type, a payload, and the sensitive mark. A payload of UNKNOWN means the
// value will only be known at apply time; it still has a type (possibly `dynamic`).
import { type ObjectType, type Type, tBool, tDynamic, tList, tMap, tNumber, tSet, tString, tTuple } from './types.js';

/** The payload of a value that is not known until apply. */
export const UNKNOWN: unique symbol = Symbol('unknown');

/** What a value holds: a primitive, elements (list, set, tuple) or attributes (map, object). */
export type Payload = typeof UNKNOWN | null | string | number | boolean | readonly Value[] | ReadonlyMap<string, Value>;

/** A configuration value. Values are immutable; marks live on the value they apply to, at any depth. */
export interface Value {
  readonly type: Type;
  readonly payload: Payload;
  readonly sensitive: boolean;
}

function mk(type: Type, payload: Payload, sensitive = false): Value {
  return { type, payload, sensitive };
}

/** A known string. */
export function str(s: string): Value {
  return mk(tString, s);
}
/** A known number. */
export function num(n: number): Value {
  return mk(tNumber, n);
}
/** A known bool. */
export function bool(b: boolean): Value {
  return mk(tBool, b);
}
/** Null of the given type. */
export function nullOf(t: Type = tDynamic): Value {
  return mk(t, null);
}
/** An unknown value of the given type. */
export function unknown(t: Type = tDynamic): Value {
  return mk(t, UNKNOWN);
}
/** The untyped null, as written `null`. */
export const NULL: Value = nullOf(tDynamic);
/** A value of unknown type and unknown content. */
export const DYNAMIC_UNKNOWN: Value = unknown(tDynamic);

/** A tuple of the given elements. */
export function tuple(items: readonly Value[]): Value {
  return mk(tTuple(items.map((v) => v.type)), items);
}
/** A list; the caller guarantees every element already has type `elem`. */
export function list(elem: Type, items: readonly Value[]): Value {
  return mk(tList(elem), items);
}
/**
 * A set; elements are deduplicated and put in canonical order. Set elements cannot carry marks
 * (they are identified by value alone), so a mark on any element moves to the set itself.
 */
export function set(elem: Type, rawItems: readonly Value[]): Value {
  let sensitive = false;
  const items = rawItems.map((v) => {
    const u = unmarkAll(v);
    sensitive ||= u !== v;
    return u;
  });
  const seen = new Map<string, Value>();
  const unknowns: Value[] = [];
  for (const v of items) {
    if (!isWhollyKnown(v)) {
      unknowns.push(v);
      continue;
    }
    const k = canonicalKey(v);
    if (!seen.has(k)) seen.set(k, v);
  }
  const sorted = [...seen.entries()].sort((a, b) => compareSetElems(a[1], b[1], a[0], b[0])).map((e) => e[1]);
  return mk(tSet(elem), [...sorted, ...unknowns], sensitive);
}

function unmarkAll(v: Value): Value {
  const p = v.payload;
  let payload: Payload = p;
  let changed = v.sensitive;
  if (Array.isArray(p)) {
    const items = (p as readonly Value[]).map(unmarkAll);
    changed ||= items.some((e, i) => e !== (p as readonly Value[])[i]);
    payload = items;
  } else if (p instanceof Map) {
    const entries = [...(p as ReadonlyMap<string, Value>)].map(([k, e]) => [k, unmarkAll(e)] as const);
    changed ||= entries.some(([k, e]) => e !== (p as ReadonlyMap<string, Value>).get(k));
    payload = new Map(entries);
  }
  return changed ? mk(v.type, payload, false) : v;
}
/** An object from attribute entries. */
export function object(attrs: Iterable<readonly [string, Value]> | Readonly<Record<string, Value>>): Value {
  // An array of entries is read, never changed: it is copied before any sort.
  const given = Array.isArray(attrs);
  const entries: readonly (readonly [string, Value])[] = given
    ? (attrs as readonly (readonly [string, Value])[])
    : Symbol.iterator in attrs
      ? [...(attrs as Iterable<readonly [string, Value]>)]
      : Object.entries(attrs);
  // A later entry of the same name wins, as in a Map. Objects are built everywhere (every body,
  // every reference), so the entries are sorted once for both the payload and the type; entries
  // that already come in strictly ascending order (so without repeats) need no sorting at all.
  let ascending = true;
  for (let i = 1; i < entries.length; i++) {
    if (!(entries[i - 1][0] < entries[i][0])) {
      ascending = false;
      break;
    }
  }
  let sorted = entries;
  if (!ascending) {
    const m = new Map(entries);
    const copy = m.size === entries.length && !given ? (entries as (readonly [string, Value])[]) : [...m];
    sorted = sortByName(copy);
  }
  return objectOfSorted(sorted);
}

/**
 * An object from entries whose names the caller knows to be distinct (the keys of one JSON
 * object, say); the array is the caller's to give away: it may be sorted in place.
 */
export function objectOfDistinct(entries: (readonly [string, Value])[]): Value {
  for (let i = 1; i < entries.length; i++) {
    if (!(entries[i - 1][0] < entries[i][0])) {
      sortByName(entries);
      break;
    }
  }
  return objectOfSorted(entries);
}

function objectOfSorted(sorted: readonly (readonly [string, Value])[]): Value {
  const types = new Map<string, Type>();
  const payload = new Map<string, Value>();
  for (const [k, v] of sorted) {
    types.set(k, v.type);
    payload.set(k, v);
  }
  const type: ObjectType = { kind: 'object', attrs: types };
  return mk(type, payload);
}

const byName = (a: readonly [string, unknown], b: readonly [string, unknown]): number =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;

/**
 * Sorts entries by name in place. Objects mostly have a handful of attributes, and for those an
 * insertion sort allocates nothing, where Array.prototype.sort copies the array to a work area.
 */
function sortByName<T extends readonly [string, unknown]>(entries: T[]): T[] {
  if (entries.length > 16) return entries.sort(byName);
  for (let i = 1; i < entries.length; i++) {
    const e = entries[i]!;
    let j = i - 1;
    while (j >= 0 && entries[j]![0] > e[0]) {
      entries[j + 1] = entries[j]!;
      j--;
    }
    entries[j + 1] = e;
  }
  return entries;
}
/** A map; the caller guarantees every element already has type `elem`. */
export function map(elem: Type, entries: Iterable<readonly [string, Value]>): Value {
  return mk(tMap(elem), sortedMap(new Map(entries)));
}

function sortedMap(m: Map<string, Value>): ReadonlyMap<string, Value> {
  return new Map(sortByName([...m]));
}

/** The same value with the sensitive mark set (or cleared) at its top level. */
export function withSensitive(v: Value, sensitive: boolean): Value {
  return v.sensitive === sensitive ? v : mk(v.type, v.payload, sensitive);
}
/** The same payload with another type (used by conversion once elements are already converted). */
export function retype(v: Value, t: Type): Value {
  return mk(t, v.payload, v.sensitive);
}

/** True unless the value itself is unknown (its elements may still be). */
export function isKnown(v: Value): boolean {
  return v.payload !== UNKNOWN;
}
/** True for a known null. */
export function isNull(v: Value): boolean {
  return v.payload === null;
}
/** True when neither the value nor anything inside it is unknown. */
export function isWhollyKnown(v: Value): boolean {
  const p = v.payload;
  if (p === UNKNOWN) return false;
  if (Array.isArray(p)) return (p as readonly Value[]).every(isWhollyKnown);
  if (p instanceof Map) return [...p.values()].every(isWhollyKnown);
  return true;
}

/** The elements of a known list, set or tuple. */
export function elements(v: Value): readonly Value[] {
  if (!Array.isArray(v.payload)) throw new Error(`elements() on ${v.type.kind}`);
  return v.payload as readonly Value[];
}
/** The attributes of a known map or object, in key order. */
export function attributes(v: Value): ReadonlyMap<string, Value> {
  if (!(v.payload instanceof Map)) throw new Error(`attributes() on ${v.type.kind}`);
  return v.payload as ReadonlyMap<string, Value>;
}
/** The payload of a known string. */
export function asString(v: Value): string {
  if (typeof v.payload !== 'string') throw new Error(`asString() on ${v.type.kind}`);
  return v.payload;
}
/** The payload of a known number. */
export function asNumber(v: Value): number {
  if (typeof v.payload !== 'number') throw new Error(`asNumber() on ${v.type.kind}`);
  return v.payload;
}
/** The payload of a known bool. */
export function asBool(v: Value): boolean {
  if (typeof v.payload !== 'boolean') throw new Error(`asBool() on ${v.type.kind}`);
  return v.payload;
}

/** Renders a number the way configuration shows it: integers in full, no exponent notation. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return BigInt(n).toString();
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, frac = '', expStr] = m;
  const exp = Number(expStr);
  const digits = lead + frac;
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const point = 1 + exp;
  return point >= digits.length
    ? `${sign}${digits}${'0'.repeat(point - digits.length)}`
    : `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** A string that identifies a wholly known value's content, used to order and deduplicate sets. */
export function canonicalKey(v: Value): string {
  const p = v.payload;
  if (p === UNKNOWN) return '?';
  if (p === null) return 'null';
  if (typeof p === 'string') return JSON.stringify(p);
  if (typeof p === 'number') return `n${formatNumber(p)}`;
  if (typeof p === 'boolean') return p ? 'true' : 'false';
  if (Array.isArray(p)) return `[${(p as readonly Value[]).map(canonicalKey).join(',')}]`;
  return `{${[...(p as ReadonlyMap<string, Value>)].map(([k, e]) => `${JSON.stringify(k)}:${canonicalKey(e)}`).join(',')}}`;
}

function compareSetElems(a: Value, b: Value, ka: string, kb: string): number {
  if (typeof a.payload === 'number' && typeof b.payload === 'number') return a.payload - b.payload;
  if (typeof a.payload === 'string' && typeof b.payload === 'string')
    return a.payload < b.payload ? -1 : a.payload > b.payload ? 1 : 0;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
