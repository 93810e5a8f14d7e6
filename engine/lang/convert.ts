// Type conversion after HCL's rules (cty convert): the implicit conversions that arguments,
// variables and operators go through, with errors that say where inside the value they failed.
import { type Diagnostic, error, type Range } from '../diag/index.js';
import type { Path } from './marks.js';
import { friendlyTypeName, type Type, typeEquals, unifyTypes } from './types.js';
import {
  attributes,
  bool,
  elements,
  formatNumber,
  isNull,
  list,
  map,
  nullOf,
  num,
  object,
  set,
  str,
  tuple,
  UNKNOWN,
  unknown,
  type Value,
  withSensitive,
} from './values.js';

/** A conversion failure: what was expected, and where inside the value. */
export class ConvertError extends Error {
  constructor(
    message: string,
    readonly path: Path,
    /** Set when the message quotes the value itself, which must not happen for a sensitive value. */
    readonly quotesValue = false,
  ) {
    super(message);
  }
}

/** Renders a path for messages, e.g. `.tags["env"]` or `[2].name`. */
export function formatPath(path: Path): string {
  return path
    .map((s) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_][\w-]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`))
    .join('');
}

/** Converts a value to a type, reporting failure as a diagnostic at `range`. */
export function convert(value: Value, type: Type, range?: Range): { value: Value; diagnostics: Diagnostic[] } {
  try {
    return { value: convertOrThrow(value, type), diagnostics: [] };
  } catch (e) {
    if (!(e instanceof ConvertError)) throw e;
    return { value: unknown(type), diagnostics: [error('Invalid value', range, conversionMessage(e))] };
  }
}

/** The user-facing text of a conversion error, naming the nested place when there is one. */
export function conversionMessage(e: ConvertError): string {
  return e.path.length > 0 ? `${formatPath(e.path).replace(/^\./, '')}: ${e.message}` : e.message;
}

/** Converts a value to a type or throws ConvertError; for callers that handle many conversions at once. */
export function convertOrThrow(value: Value, type: Type): Value {
  return conv(value, type, []);
}

/** True for a whole number written in full whose magnitude exceeds 2^53, which a double cannot hold exactly. */
export function isInexactInteger(text: string): boolean {
  const m = /^-?(\d+)$/.exec(text);
  return m !== null && BigInt(m[1]) > 2n ** 53n;
}

/** Parses a string as a number the way HCL does: decimal with optional fraction and exponent. */
export function parseNumber(s: string): number | undefined {
  if (!/^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

function conv(v: Value, t: Type, path: Path): Value {
  if (t.kind === 'dynamic') return v;
  if (isNull(v)) return withSensitive(nullOf(concrete(t)), v.sensitive);
  if (typeEquals(v.type, t) && !hasOptional(t)) return v;
  if (v.payload === UNKNOWN) {
    if (!shapeCompatible(v.type, t)) throw mismatch(v.type, t, path);
    return withSensitive(unknown(concrete(t)), v.sensitive);
  }
  if (!v.sensitive) return convKnown(v, t, path);
  try {
    return withSensitive(convKnown(v, t, path), true);
  } catch (e) {
    if (!(e instanceof ConvertError)) throw e;
    // A failure further down has a path that names keys of this value, and some messages quote the value
    // itself; both are replaced by one that names only the target type. The others speak only of types.
    if (e.path.length > path.length || e.quotesValue) throw sensitiveMismatch(t, path);
    throw e;
  }
}

function convKnown(v: Value, t: Type, path: Path): Value {
  switch (t.kind) {
    case 'dynamic':
      return v;
    case 'string':
      if (v.type.kind === 'string') return v;
      if (v.type.kind === 'number') return str(formatNumber(v.payload as number));
      if (v.type.kind === 'bool') return str(v.payload ? 'true' : 'false');
      throw mismatch(v.type, t, path);
    case 'number': {
      if (v.type.kind === 'number') return v;
      if (v.type.kind === 'string') {
        const text = v.payload as string;
        if (isInexactInteger(text))
          throw new ConvertError(`the integer ${text} cannot be represented exactly (the limit is 2^53)`, path, true);
        const n = parseNumber(text);
        if (n === undefined) throw new ConvertError('a number is required', path);
        return num(n);
      }
      throw mismatch(v.type, t, path);
    }
    case 'bool': {
      if (v.type.kind === 'bool') return v;
      if (v.type.kind === 'string') {
        if (v.payload === 'true') return bool(true);
        if (v.payload === 'false') return bool(false);
        throw new ConvertError('a bool is required', path);
      }
      throw mismatch(v.type, t, path);
    }
    case 'list':
    case 'set': {
      if (v.type.kind !== 'list' && v.type.kind !== 'set' && v.type.kind !== 'tuple') throw mismatch(v.type, t, path);
      const items = elements(v);
      const elem = t.elem.kind === 'dynamic' ? unifyOrThrow(items, path) : t.elem;
      const conv2 = items.map((e, i) => conv(e, elem, [...path, i]));
      const et = concrete(elem);
      return t.kind === 'list' ? list(et, conv2) : set(et, conv2);
    }
    case 'map': {
      if (v.type.kind !== 'map' && v.type.kind !== 'object') throw mismatch(v.type, t, path);
      const attrs = attributes(v);
      const elem = t.elem.kind === 'dynamic' ? unifyOrThrow([...attrs.values()], path) : t.elem;
      return map(
        concrete(elem),
        [...attrs].map(([k, e]) => [k, conv(e, elem, [...path, k])] as const),
      );
    }
    case 'object': {
      if (v.type.kind !== 'map' && v.type.kind !== 'object') throw mismatch(v.type, t, path);
      const attrs = attributes(v);
      const out: [string, Value][] = [];
      for (const [k, at] of t.attrs) {
        const src = attrs.get(k);
        if (src) out.push([k, conv(src, at, [...path, k])]);
        else if (t.optional?.has(k)) out.push([k, nullOf(concrete(at))]);
        else throw new ConvertError(`attribute "${k}" is required`, path);
      }
      return object(out);
    }
    case 'tuple': {
      if (v.type.kind !== 'list' && v.type.kind !== 'tuple' && v.type.kind !== 'set') throw mismatch(v.type, t, path);
      const items = elements(v);
      if (items.length !== t.elems.length)
        throw new ConvertError(`tuple required with exactly ${t.elems.length} elements`, path);
      return tuple(items.map((e, i) => conv(e, t.elems[i], [...path, i])));
    }
  }
}

function unifyOrThrow(items: readonly Value[], path: Path): Type {
  const u = unifyTypes(items.map((i) => i.type));
  if (!u) throw new ConvertError('all elements must have the same type', path);
  return u;
}

/** A constraint's type with the `optional` markers removed at every depth: values never carry them. */
function concrete(t: Type): Type {
  switch (t.kind) {
    case 'object':
      return hasOptional(t) ? { kind: 'object', attrs: new Map([...t.attrs].map(([k, a]) => [k, concrete(a)])) } : t;
    case 'list':
    case 'set':
    case 'map':
      return hasOptional(t.elem) ? { kind: t.kind, elem: concrete(t.elem) } : t;
    case 'tuple':
      return t.elems.some(hasOptional) ? { kind: 'tuple', elems: t.elems.map(concrete) } : t;
    default:
      return t;
  }
}

function hasOptional(t: Type): boolean {
  switch (t.kind) {
    case 'object':
      return !!t.optional || [...t.attrs.values()].some(hasOptional);
    case 'list':
    case 'set':
    case 'map':
      return hasOptional(t.elem);
    case 'tuple':
      return t.elems.some(hasOptional);
    default:
      return false;
  }
}

function shapeCompatible(from: Type, to: Type): boolean {
  if (from.kind === 'dynamic' || to.kind === 'dynamic') return true;
  const prim = (k: string) => k === 'string' || k === 'number' || k === 'bool';
  if (prim(to.kind))
    return prim(from.kind) && (to.kind === 'string' || from.kind === to.kind || from.kind === 'string');
  if (to.kind === 'list' || to.kind === 'set' || to.kind === 'tuple')
    return from.kind === 'list' || from.kind === 'set' || from.kind === 'tuple';
  return from.kind === 'map' || from.kind === 'object';
}

/** The target type as messages name it: `number`, `list of string`, `object`. */
function wanted(to: Type): string {
  return to.kind === 'object' ? 'object' : to.kind === 'tuple' ? 'tuple' : friendlyTypeName(to);
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

function mismatch(from: Type, to: Type, path: Path): ConvertError {
  const want = wanted(to);
  if (from.kind === 'dynamic') return new ConvertError(`${article(want)} ${want} is required`, path);
  return new ConvertError(`${want} required, but have ${friendlyTypeName(from)}`, path);
}

function sensitiveMismatch(to: Type, path: Path): ConvertError {
  return new ConvertError(
    `cannot convert the given value to ${wanted(to)} (the value is hidden because it is sensitive)`,
    path,
  );
}
