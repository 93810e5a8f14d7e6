// The type system of configuration values, after HCL/cty: primitives, collections, structurals, and `dynamic`.

/** Closed set of type kinds. `dynamic` stands for "any type" in constraints and for a not-yet-known type. */
export type TypeKind = 'string' | 'number' | 'bool' | 'dynamic' | 'list' | 'set' | 'map' | 'object' | 'tuple';

/** A primitive type. */
export interface PrimitiveType {
  readonly kind: 'string' | 'number' | 'bool';
}
/** The dynamic pseudo-type (`any`). */
export interface DynamicType {
  readonly kind: 'dynamic';
}
/** A homogeneous collection type. */
export interface CollectionType {
  readonly kind: 'list' | 'set' | 'map';
  readonly elem: Type;
}
/** An object type: a fixed set of named attributes, each with its own type. */
export interface ObjectType {
  readonly kind: 'object';
  readonly attrs: ReadonlyMap<string, Type>;
  /** Attributes a type constraint marks `optional(...)`: conversion fills them with null when absent. */
  readonly optional?: ReadonlySet<string>;
}
/** A tuple type: a fixed sequence of element types. */
export interface TupleType {
  readonly kind: 'tuple';
  readonly elems: readonly Type[];
}

/** Any value type. */
export type Type = PrimitiveType | DynamicType | CollectionType | ObjectType | TupleType;

/** The string type. */
export const tString: PrimitiveType = { kind: 'string' };
/** The number type. */
export const tNumber: PrimitiveType = { kind: 'number' };
/** The bool type. */
export const tBool: PrimitiveType = { kind: 'bool' };
/** The dynamic pseudo-type. */
export const tDynamic: DynamicType = { kind: 'dynamic' };

/** list(elem) */
export function tList(elem: Type): CollectionType {
  return { kind: 'list', elem };
}
/** set(elem) */
export function tSet(elem: Type): CollectionType {
  return { kind: 'set', elem };
}
/** map(elem) */
export function tMap(elem: Type): CollectionType {
  return { kind: 'map', elem };
}
/** object({...}); attribute order does not matter. */
export function tObject(
  attrs: Iterable<readonly [string, Type]> | Readonly<Record<string, Type>>,
  optional?: Iterable<string>,
): ObjectType {
  const entries = Symbol.iterator in attrs ? [...(attrs as Iterable<readonly [string, Type]>)] : Object.entries(attrs);
  const sorted = new Map(entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
  const opt = optional ? new Set(optional) : undefined;
  return opt && opt.size > 0 ? { kind: 'object', attrs: sorted, optional: opt } : { kind: 'object', attrs: sorted };
}
/** tuple([...]) */
export function tTuple(elems: readonly Type[]): TupleType {
  return { kind: 'tuple', elems };
}

/** True for string, number and bool. */
export function isPrimitive(t: Type): t is PrimitiveType {
  return t.kind === 'string' || t.kind === 'number' || t.kind === 'bool';
}
/** True for list, set and map. */
export function isCollection(t: Type): t is CollectionType {
  return t.kind === 'list' || t.kind === 'set' || t.kind === 'map';
}
/** True for list, set and tuple: the types a `for` or splat walks by position. */
export function isSequence(t: Type): boolean {
  return t.kind === 'list' || t.kind === 'set' || t.kind === 'tuple';
}

/** Structural type equality. */
export function typeEquals(a: Type, b: Type): boolean {
  switch (a.kind) {
    case 'string':
    case 'number':
    case 'bool':
    case 'dynamic':
      return a.kind === b.kind;
    case 'list':
    case 'set':
    case 'map':
      return b.kind === a.kind && typeEquals(a.elem, (b as CollectionType).elem);
    case 'object': {
      if (b.kind !== 'object' || a.attrs.size !== b.attrs.size) return false;
      for (const [k, t] of a.attrs) {
        const o = b.attrs.get(k);
        if (!o || !typeEquals(t, o)) return false;
      }
      return true;
    }
    case 'tuple':
      return (
        b.kind === 'tuple' && a.elems.length === b.elems.length && a.elems.every((t, i) => typeEquals(t, b.elems[i]))
      );
  }
}

/** True when the type contains `dynamic` anywhere, i.e. it is a constraint rather than a concrete type. */
export function hasDynamic(t: Type): boolean {
  switch (t.kind) {
    case 'dynamic':
      return true;
    case 'list':
    case 'set':
    case 'map':
      return hasDynamic(t.elem);
    case 'object':
      return [...t.attrs.values()].some(hasDynamic);
    case 'tuple':
      return t.elems.some(hasDynamic);
    default:
      return false;
  }
}

/** The type as written in configuration, e.g. `list(string)` or `object({a=number})`. */
export function typeString(t: Type): string {
  switch (t.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return t.kind;
    case 'dynamic':
      return 'any';
    case 'list':
    case 'set':
    case 'map':
      return `${t.kind}(${typeString(t.elem)})`;
    case 'object':
      return `object({${[...t.attrs]
        .map(([k, v]) => (t.optional?.has(k) ? `${k}=optional(${typeString(v)})` : `${k}=${typeString(v)}`))
        .join(', ')}})`;
    case 'tuple':
      return `tuple([${t.elems.map(typeString).join(', ')}])`;
  }
}

/** A short phrase for messages, e.g. "list of string", "object", "tuple". */
export function friendlyTypeName(t: Type): string {
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
      return t.elem.kind === 'dynamic' ? t.kind : `${t.kind} of ${friendlyTypeName(t.elem)}`;
    case 'object':
      return 'object';
    case 'tuple':
      return 'tuple';
  }
}

/**
 * The single type a set of types can all be converted to, or undefined when there is none.
 * Follows cty's unification: equal types stay; mixed primitives become string; structurals
 * of compatible shapes merge; objects with differing attributes become a map.
 */
export function unifyTypes(types: readonly Type[]): Type | undefined {
  const known = types.filter((t) => t.kind !== 'dynamic');
  if (known.length === 0) return tDynamic;
  const first = known[0];
  if (known.every((t) => typeEquals(t, first))) return first;
  if (known.every(isPrimitive)) return tString;
  if (known.every((t) => t.kind === 'object')) {
    const objs = known as ObjectType[];
    const keys = [...objs[0].attrs.keys()];
    const same = objs.every((o) => o.attrs.size === keys.length && keys.every((k) => o.attrs.has(k)));
    if (same) {
      const attrs: [string, Type][] = [];
      for (const k of keys) {
        const u = unifyTypes(objs.map((o) => o.attrs.get(k)!));
        if (!u) return undefined;
        attrs.push([k, u]);
      }
      return tObject(attrs);
    }
  }
  if (known.every((t) => t.kind === 'object' || t.kind === 'map')) {
    const inner = known.flatMap((t) => (t.kind === 'map' ? [t.elem] : [...(t as ObjectType).attrs.values()]));
    const u = unifyTypes(inner);
    return u ? tMap(u) : undefined;
  }
  if (known.every((t) => t.kind === 'tuple')) {
    const tups = known as TupleType[];
    if (tups.every((t) => t.elems.length === tups[0].elems.length)) {
      const elems: Type[] = [];
      for (let i = 0; i < tups[0].elems.length; i++) {
        const u = unifyTypes(tups.map((t) => t.elems[i]));
        if (!u) return undefined;
        elems.push(u);
      }
      return tTuple(elems);
    }
  }
  if (known.every((t) => t.kind === 'tuple' || t.kind === 'list')) {
    const inner = known.flatMap((t) => (t.kind === 'list' ? [t.elem] : [...(t as TupleType).elems]));
    const u = unifyTypes(inner);
    return u ? tList(u) : undefined;
  }
  if (known.every((t) => t.kind === 'set' || t.kind === 'tuple' || t.kind === 'list')) {
    const inner = known.flatMap((t) => (t.kind === 'tuple' ? [...t.elems] : [(t as CollectionType).elem]));
    const u = unifyTypes(inner);
    return u ? tSet(u) : undefined;
  }
  return undefined;
}
