// The sensitive mark: it sits on any value at any depth and follows every value derived from it.
// The state file records where marks sit as attribute paths, so these helpers go both ways.
import { type Payload, type Value, withSensitive } from './values.js';

/** One step into a value: an attribute or map key (string) or a list/tuple/set position (number). */
export type PathStep = string | number;
/** A path from the root of a value to a nested value. */
export type Path = readonly PathStep[];

/** The value marked sensitive at its top level. */
export function markSensitive(v: Value): Value {
  return withSensitive(v, true);
}

/** True when the value or anything inside it is sensitive. */
export function containsSensitive(v: Value): boolean {
  if (v.sensitive) return true;
  const p = v.payload;
  if (Array.isArray(p)) return (p as readonly Value[]).some(containsSensitive);
  if (p instanceof Map) return [...p.values()].some(containsSensitive);
  return false;
}

/** The value with every mark removed at every depth, and whether any was there. */
export function unmarkDeep(v: Value): { value: Value; sensitive: boolean } {
  if (!containsSensitive(v)) return { value: v, sensitive: false };
  return { value: strip(v), sensitive: true };
}

function strip(v: Value): Value {
  const p = v.payload;
  let payload: Payload = p;
  if (Array.isArray(p)) payload = (p as readonly Value[]).map(strip);
  else if (p instanceof Map) payload = new Map([...p].map(([k, e]) => [k, strip(e)] as const));
  return { type: v.type, payload, sensitive: false };
}

/** Every path at which a sensitive mark sits, outermost first. */
export function sensitivePaths(v: Value): Path[] {
  const out: Path[] = [];
  // `path` is one array, pushed and popped on the way down; a mark records a copy.
  const path: PathStep[] = [];
  const walk = (x: Value): void => {
    if (x.sensitive) out.push([...path]);
    const p = x.payload;
    if (Array.isArray(p)) {
      const items = p as readonly Value[];
      for (let i = 0; i < items.length; i++) {
        path.push(i);
        walk(items[i]);
        path.pop();
      }
    } else if (p instanceof Map) {
      for (const [k, e] of p as ReadonlyMap<string, Value>) {
        path.push(k);
        walk(e);
        path.pop();
      }
    }
  };
  walk(v);
  return out;
}

/** The value with a sensitive mark added at each path; paths that do not exist are ignored. */
export function applySensitivePaths(v: Value, paths: readonly Path[]): Value {
  let out = v;
  for (const path of paths) out = markAt(out, path, 0);
  return out;
}

function markAt(v: Value, path: Path, i: number): Value {
  if (i === path.length) return withSensitive(v, true);
  const step = path[i];
  const p = v.payload;
  if (Array.isArray(p) && typeof step === 'number' && step >= 0 && step < p.length) {
    const items = [...(p as readonly Value[])];
    items[step] = markAt(items[step], path, i + 1);
    return { ...v, payload: items };
  }
  if (p instanceof Map && typeof step === 'string' && p.has(step)) {
    const m = new Map(p as ReadonlyMap<string, Value>);
    m.set(step, markAt(m.get(step)!, path, i + 1));
    return { ...v, payload: m };
  }
  return v;
}
