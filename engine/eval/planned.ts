import type { JsonObject, JsonValue } from '../../providers/provider.js';
import { applySensitivePaths, fromJSON, object, tuple, UNKNOWN, unknown, type Value } from '../lang/index.js';
import type { AttrPath, PlannedValue } from '../plan/change.js';

// Between evaluated values (with unknown and sensitive marks at any depth) and planned values
// (JSON, with the unknown and sensitive leaves listed by path) as plans and state hold them.

/** The planned form of a value: null objects' keys are dropped so that omission and null read the same. */
export function toPlanned(v: Value): PlannedValue {
  const unknownPaths: AttrPath[] = [];
  const sensitivePaths: AttrPath[] = [];
  const json = toJson(v, [], unknownPaths, sensitivePaths);
  const value = json !== null && typeof json === 'object' && !Array.isArray(json) ? json : {};
  return { value, unknownPaths, sensitivePaths };
}

// One walk finds the JSON, the unknown leaves and the sensitive marks (outermost first, as
// sensitivePaths lists them).
function toJson(v: Value, path: (string | number)[], unknowns: AttrPath[], marks: AttrPath[]): JsonValue {
  if (v.sensitive) marks.push([...path]);
  const p = v.payload;
  if (p === UNKNOWN) {
    unknowns.push([...path]);
    return null;
  }
  if (p === null || typeof p !== 'object') return p;
  // `path` is one array, pushed and popped on the way down; an unknown leaf records a copy.
  if (Array.isArray(p)) {
    return (p as readonly Value[]).map((e, i) => {
      path.push(i);
      const j = toJson(e, path, unknowns, marks);
      path.pop();
      return j;
    });
  }
  const out: JsonObject = {};
  for (const [k, e] of p as ReadonlyMap<string, Value>) {
    path.push(k);
    const j = toJson(e, path, unknowns, marks);
    path.pop();
    if (j !== null || e.payload === UNKNOWN) out[k] = j;
  }
  return out;
}

/** The value a planned value stands for, unknowns and marks restored. */
export function fromPlanned(p: PlannedValue): Value {
  let v = fromJSON(p.value);
  for (const path of p.unknownPaths) v = setAt(v, path, 0, unknown());
  return applySensitivePaths(v, p.sensitivePaths);
}

/** The value with `leaf` put at `path` (creating object levels as needed). */
function setAt(v: Value, path: AttrPath, i: number, leaf: Value): Value {
  if (i === path.length) return leaf;
  const step = path[i];
  const p = v.payload;
  if (Array.isArray(p) && typeof step === 'number') {
    const items = [...(p as readonly Value[])];
    if (step < items.length) items[step] = setAt(items[step], path, i + 1, leaf);
    return tuple(items);
  }
  if (p instanceof Map && typeof step === 'string') {
    const m = new Map(p as ReadonlyMap<string, Value>);
    m.set(step, setAt(m.get(step) ?? fromJSON(null), path, i + 1, leaf));
    return object(m);
  }
  return v;
}
