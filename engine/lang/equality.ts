// Equality of values: the `==` operator's rules (unknowns give unknown) and the planner's strict comparison.
import { hasDynamic, typeEquals } from './types.js';
import { isNull, isWhollyKnown, UNKNOWN, type Value } from './values.js';

/** Result of comparing values that may be unknown. */
export type Tristate = boolean | 'unknown';

/**
 * Equality as `==` sees it: values of different types are unequal, null equals only null, and
 * any unknown that could decide the answer makes it 'unknown'. Marks are ignored.
 */
export function equals(a: Value, b: Value): Tristate {
  if (isNull(a) || isNull(b)) {
    if (isNull(a) && isNull(b)) return true;
    const other = isNull(a) ? b : a;
    return other.payload === UNKNOWN ? 'unknown' : false;
  }
  if (a.payload === UNKNOWN || b.payload === UNKNOWN) return 'unknown';
  if (!typeEquals(a.type, b.type)) {
    // Types that differ only where one side is still dynamic (an unknown of unknown type inside)
    // are compared element by element; any other difference makes the values unequal.
    if (a.type.kind !== b.type.kind || !(hasDynamic(a.type) || hasDynamic(b.type))) return false;
  }
  const pa = a.payload;
  const pb = b.payload;
  if (Array.isArray(pa) && Array.isArray(pb)) {
    // Unknown set elements may equal any other element, so their order says nothing.
    if (a.type.kind === 'set' && !(isWhollyKnown(a) && isWhollyKnown(b))) return 'unknown';
    if (pa.length !== pb.length) return isWhollyKnown(a) && isWhollyKnown(b) ? false : 'unknown';
    let result: Tristate = true;
    for (let i = 0; i < pa.length; i++) {
      const r = equals(pa[i] as Value, pb[i] as Value);
      if (r === false) return false;
      if (r === 'unknown') result = 'unknown';
    }
    return result;
  }
  if (pa instanceof Map && pb instanceof Map) {
    if (pa.size !== pb.size) return false;
    let result: Tristate = true;
    for (const [k, va] of pa) {
      const vb = pb.get(k);
      if (!vb) return false;
      const r = equals(va, vb);
      if (r === false) return false;
      if (r === 'unknown') result = 'unknown';
    }
    return result;
  }
  return pa === pb;
}

/**
 * Strict structural identity, for diffs: same type, same payloads, unknown only equal to unknown of
 * the same type, and the same marks in the same places.
 */
export function rawEquals(a: Value, b: Value): boolean {
  if (a.sensitive !== b.sensitive || !typeEquals(a.type, b.type)) return false;
  const pa = a.payload;
  const pb = b.payload;
  if (Array.isArray(pa) && Array.isArray(pb)) {
    return pa.length === pb.length && pa.every((e, i) => rawEquals(e as Value, pb[i] as Value));
  }
  if (pa instanceof Map && pb instanceof Map) {
    if (pa.size !== pb.size) return false;
    for (const [k, va] of pa) {
      const vb = pb.get(k);
      if (!vb || !rawEquals(va, vb)) return false;
    }
    return true;
  }
  return pa === pb;
}
