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

/** The attributes minus those that change as a side effect of other resources. */
function withoutSideEffects(attrs: JsonObject, schema: ResourceSchema | undefined): JsonObject {
  if (!schema) return attrs;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(attrs)) if (!schema.attributes[k]?.sideEffect) out[k] = v;
  return out;
}

/**
 * Every refreshed instance whose live object differs from the state, or is gone. Attributes
 * marked `sideEffect` are left out of the comparison: runform's own changes move them.
 */
export function driftOf(state: State, refreshed: Refreshed, schemas: SchemaLookup): Drift[] {
  const out: Drift[] = [];
  for (const [addr, obj, r] of state.instances()) {
    const live = refreshed.live.get(addr);
    if (!live) continue;
    const provider = providerKeyOf(r.provider);
    const info = schemas(provider, r.mode, r.type);
    const sens = (v: Record<string, JsonValue>) => [
      ...obj.sensitivePaths,
      ...(info ? schemaSensitivePaths(v, info.schema) : []),
    ];
    const before = { value: obj.attributes, unknownPaths: [], sensitivePaths: sens(obj.attributes) };
    if (!live.exists) out.push({ address: addr, type: r.type, provider, before });
    else if (
      !jsonEqual(withoutSideEffects(live.attrs, info?.schema), withoutSideEffects(obj.attributes, info?.schema))
    ) {
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
