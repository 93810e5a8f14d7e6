// Attribute access and indexing on values, with HCL's rules and messages.
import type { Range } from '../diag/index.js';
import { ConvertError, convertOrThrow } from './convert.js';
import { fail } from './failure.js';
import { didYouMean } from './suggest.js';
import { friendlyTypeName, type Type, tDynamic, tNumber, tString } from './types.js';
import { attributes, elements, isNull, UNKNOWN, unknown, type Value, withSensitive } from './values.js';

/** The type of `v.name` when `v` is unknown, or undefined when the type has no such attribute. */
function attrTypeOf(t: Type, name: string): Type | undefined {
  if (t.kind === 'dynamic') return tDynamic;
  if (t.kind === 'object') return t.attrs.get(name);
  if (t.kind === 'map') return t.elem;
  return undefined;
}

/** `v.name` */
export function getAttr(v: Value, name: string, range: Range): Value {
  const mark = (r: Value): Value => (v.sensitive ? withSensitive(r, true) : r);
  if (isNull(v))
    fail('Attempt to get attribute from null value', range, 'This value is null, so it does not have any attributes.');
  const t = v.type;
  if (v.payload === UNKNOWN) {
    const at = attrTypeOf(t, name);
    if (at) return mark(unknown(at));
  }
  switch (t.kind) {
    case 'object': {
      // An unknown object of known type still knows its attribute names, so a wrong name fails now.
      const got = v.payload === UNKNOWN ? undefined : attributes(v).get(name);
      if (got) return mark(got);
      const names = v.payload === UNKNOWN ? t.attrs.keys() : attributes(v).keys();
      // A suggestion would name an attribute of the value, which a sensitive value must not show.
      const hint = v.sensitive ? '' : didYouMean(name, names);
      return fail('Unsupported attribute', range, `This object does not have an attribute named "${name}".${hint}`);
    }
    case 'map': {
      const got = attributes(v).get(name);
      if (!got) fail('Missing map element', range, `This map does not have an element with the key "${name}".`);
      return mark(got);
    }
    case 'dynamic':
      return mark(unknown(tDynamic));
    case 'list':
    case 'set':
    case 'tuple':
      return fail(
        'Unsupported attribute',
        range,
        `Can't access attributes on a ${friendlyTypeName(t)}. Did you mean to access an attribute for a specific element of the ${t.kind}, or across all elements of the ${t.kind}?`,
      );
    case 'string':
    case 'number':
    case 'bool':
      return fail('Unsupported attribute', range, `Can't access attributes on a primitive-typed value (${t.kind}).`);
  }
}

function keyAs(key: Value, t: Type, range: Range, what: string): Value {
  try {
    return convertOrThrow(key, t);
  } catch (e) {
    if (e instanceof ConvertError)
      fail('Invalid index', range, `The given key is not valid for ${what}: ${e.message}.`);
    throw e;
  }
}

/** `v[key]` */
export function index(v: Value, key: Value, range: Range): Value {
  const sensitive = v.sensitive || key.sensitive;
  const mark = (r: Value): Value => (sensitive ? withSensitive(r, true) : r);
  if (isNull(v)) fail('Attempt to index null value', range, 'This value is null, so it does not have any indices.');
  if (isNull(key)) fail('Invalid index', range, "Can't use a null value as an indexing key.");
  const t = v.type;
  if (t.kind === 'set')
    fail(
      'Invalid index',
      range,
      "Elements of a set are identified only by their value and don't have any separate index or key to select with, so it's only possible to perform operations across all elements of the set.",
    );
  if (t.kind === 'string' || t.kind === 'number' || t.kind === 'bool')
    fail('Invalid index', range, 'This value does not have any indices.');
  if (t.kind === 'dynamic') return mark(unknown(tDynamic));
  if (t.kind === 'list' || t.kind === 'tuple') {
    const k = keyAs(key, tNumber, range, `a ${t.kind}`);
    if (k.payload === UNKNOWN || v.payload === UNKNOWN) return mark(unknown(t.kind === 'list' ? t.elem : tDynamic));
    const i = k.payload as number;
    const items = elements(v);
    if (!Number.isInteger(i))
      fail(
        'Invalid index',
        range,
        'The given key does not identify an element in this collection value: the index must be a whole number.',
      );
    if (i < 0 || i >= items.length)
      fail('Invalid index', range, 'The given key does not identify an element in this collection value.');
    return mark(items[i]);
  }
  const k = keyAs(key, tString, range, `a ${t.kind}`);
  if (k.payload === UNKNOWN || v.payload === UNKNOWN)
    return mark(
      unknown(
        t.kind === 'map' ? t.elem : t.kind === 'object' ? (t.attrs.get(k.payload as string) ?? tDynamic) : tDynamic,
      ),
    );
  const got = attributes(v).get(k.payload as string);
  if (got) return mark(got);
  // A suggestion would name an attribute close to the key: neither may be shown when either is sensitive.
  const hint = t.kind === 'object' && !sensitive ? didYouMean(k.payload as string, attributes(v).keys()) : '';
  return fail('Invalid index', range, `The given key does not identify an element in this collection value.${hint}`);
}
