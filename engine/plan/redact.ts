import type { JsonObject } from '../../providers/provider.js';
import type { State } from '../state/index.js';
import type { AttrPath, Change, PlannedValue } from './change.js';
import { getPath, setPath } from './instance.js';
import type { Plan } from './plan.js';

// Sensitive values never reach a plan file: each sensitive leaf is written as null. Values that
// came from the state are restored from it at apply (the stale check guarantees the same state);
// values from the configuration are evaluated again at apply anyway.

/** The planned value with every sensitive path set to null. */
export function redactValue(v: PlannedValue): PlannedValue {
  let value = v.value;
  for (const p of v.sensitivePaths) {
    if (p.length === 0) return { ...v, value: {} };
    if (getPath(value, p) !== undefined) value = setPath(value, p, null);
  }
  return { ...v, value };
}

function mapChange(c: Change, f: (v: PlannedValue) => PlannedValue): Change {
  switch (c.action) {
    case 'no-op':
      return { ...c, before: f(c.before) };
    case 'create':
    case 'read':
      return { ...c, after: f(c.after) };
    case 'update':
      return { ...c, before: f(c.before), after: f(c.after) };
    case 'replace':
      return { ...c, before: f(c.before), after: f(c.after) };
    case 'delete':
      return { ...c, before: f(c.before) };
  }
}

const mapRecord = (r: Readonly<Record<string, PlannedValue>>) =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, redactValue(v)]));

/** The plan with every sensitive value removed. */
export function redactPlan(plan: Plan): Plan {
  return {
    ...plan,
    changes: plan.changes.map((c) => mapChange(c, redactValue)),
    drift: plan.drift.map((d) => ({
      ...d,
      before: redactValue(d.before),
      ...(d.after ? { after: redactValue(d.after) } : {}),
    })),
    imports: plan.imports.map((i) => ({ ...i, value: redactValue(i.value) })),
    data: mapRecord(plan.data),
    outputs: mapRecord(plan.outputs),
  };
}

/** Puts back, from the state, the sensitive values of `before` objects that a plan file left out. */
export function restoreFromState(plan: Plan, state: State): Plan {
  const restore =
    (address: string, deposed?: string) =>
    (v: PlannedValue): PlannedValue => {
      const obj =
        deposed === undefined ? state.instance(address as never) : state.deposedObject(address as never, deposed);
      if (!obj) return v;
      let value: JsonObject = v.value;
      for (const p of v.sensitivePaths as AttrPath[]) {
        const real = p.length === 0 ? undefined : getPath(obj.attributes, p);
        if (real !== undefined) value = setPath(value, p, real);
      }
      return { ...v, value };
    };
  return {
    ...plan,
    changes: plan.changes.map((c) => {
      const r = restore(c.address, c.action === 'delete' ? c.deposed : undefined);
      switch (c.action) {
        case 'no-op':
        case 'delete':
          return { ...c, before: r(c.before) };
        case 'update':
        case 'replace':
          return { ...c, before: r(c.before) };
        default:
          return c;
      }
    }),
  };
}
