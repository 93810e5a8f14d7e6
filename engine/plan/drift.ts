import type { JsonObject, JsonValue, ResourceSchema } from '../../providers/provider.js';
import type { State } from '../state/index.js';
import type { Drift } from './plan.js';
import type { SchemaLookup } from './planner.js';
import { providerKeyOf, type Refreshed } from './prior.js';
import { schemaSensitivePaths } from './schema.js';

// Drift: what changed or vanished outside runform, found by comparing refreshed objects with the state.

/** Deep equality of JSON values, ignoring object key order. */
export function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  const ao = a as Record<string, JsonValue>;
  const bo = b as Record<string, JsonValue>;
  const ak = Object.keys(ao);
  if (ak.length !== Object.keys(bo).length) return false;
  return ak.every((k) => Object.hasOwn(bo, k) && jsonEqual(ao[k], bo[k]));
}

/** Equality of two attribute objects, leaving out attributes that change as a side effect of other resources. */
function sameAttributes(a: JsonObject, b: JsonObject, schema: ResourceSchema | undefined): boolean {
  if (a === b) return true;
  if (!schema) return jsonEqual(a, b);
  const counted = (o: JsonObject) => {
    let n = 0;
    for (const k in o) if (Object.hasOwn(o, k) && !schema.attributes[k]?.sideEffect) n++;
    return n;
  };
  for (const k in a) {
    if (!Object.hasOwn(a, k) || schema.attributes[k]?.sideEffect) continue;
    if (!Object.hasOwn(b, k) || !jsonEqual(a[k], b[k])) return false;
  }
  return counted(a) === counted(b);
}

/**
 * Every refreshed instance whose live object differs from the state, or is gone. Attributes
 * marked `sideEffect` are left out of the comparison: runform's own changes move them.
 */
export function driftOf(state: State, refreshed: Refreshed, schemas: SchemaLookup): Drift[] {
  const out: Drift[] = [];
  if (refreshed.live.size === 0) return out;
  for (const [addr, obj, r] of state.instances()) {
    const live = refreshed.live.get(addr);
    if (!live) continue;
    const provider = providerKeyOf(r.provider);
    const info = schemas(provider, r.mode, r.type);
    if (live.exists && sameAttributes(live.attrs, obj.attributes, info?.schema)) continue;
    const sens = (v: Record<string, JsonValue>) => [
      ...obj.sensitivePaths,
      ...(info ? schemaSensitivePaths(v, info.schema) : []),
    ];
    const before = { value: obj.attributes, unknownPaths: [], sensitivePaths: sens(obj.attributes) };
    if (!live.exists) out.push({ address: addr, type: r.type, provider, before });
    else {
      out.push({
        address: addr,
        type: r.type,
        provider,
        before,
        after: { value: live.attrs, unknownPaths: [], sensitivePaths: sens(live.attrs) },
      });
    }
  }
  return out;
}
