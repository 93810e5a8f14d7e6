import type { JsonObject } from '../../providers/provider.js';
import type { ResourceDecl } from '../config/index.js';
import type { Evaluator, InstanceNames } from '../eval/index.js';
import type { Attribute, Expression } from '../hcl/index.js';
import type { AttrPath, Change } from './change.js';
import { getPath } from './instance.js';
import type { SchemaInfo } from './schema.js';

// The lifecycle block as the planner uses it: flags, ignore_changes paths, replace_triggered_by.

/** A literal `true` (the config decoder already refused anything but a literal bool). */
function literalTrue(a: Attribute | undefined): boolean | undefined {
  if (!a) return undefined;
  const e = a.expr.kind === 'Parens' ? a.expr.expr : a.expr;
  return e.kind === 'Literal' && e.value === true;
}

/** create_before_destroy (else the schema's default) and prevent_destroy. */
export function lifecycleFlags(
  decl: ResourceDecl,
  info: SchemaInfo | undefined,
): { createBeforeDestroy: boolean; preventDestroy: boolean } {
  return {
    createBeforeDestroy:
      literalTrue(decl.lifecycle.createBeforeDestroy) ?? info?.schema.createBeforeDestroyByDefault === true,
    preventDestroy: literalTrue(decl.lifecycle.preventDestroy) ?? false,
  };
}

/** A traversal written in configuration as a path of literal steps, or undefined when a step is not literal. */
function literalPath(e: Expression, names?: InstanceNames, ev?: Evaluator): (string | number)[] | undefined {
  const steps: (string | number)[] = [];
  let cur: Expression = e;
  for (;;) {
    if (cur.kind === 'Variable') return [cur.name, ...steps.reverse()];
    if (cur.kind === 'GetAttr') {
      steps.push(cur.name);
      cur = cur.object;
      continue;
    }
    if (cur.kind === 'Index') {
      const k = ev ? ev.evaluate(cur.key, names).value.payload : undefined;
      const lit = cur.key.kind === 'Literal' ? cur.key.value : undefined;
      const key = typeof lit === 'number' || typeof lit === 'string' ? lit : k;
      if (typeof key === 'number' || typeof key === 'string') steps.push(key);
      else if (cur.key.kind === 'Template' && cur.key.parts.length === 1 && cur.key.parts[0].kind === 'TemplateLiteral')
        steps.push(cur.key.parts[0].value);
      else return undefined;
      cur = cur.collection;
      continue;
    }
    return undefined;
  }
}

/** The ignore_changes paths of a resource, or `all`. */
export function ignorePaths(decl: ResourceDecl): 'all' | AttrPath[] {
  const ic = decl.lifecycle.ignoreChanges;
  if (ic === undefined) return [];
  if (ic === 'all') return 'all';
  const out: AttrPath[] = [];
  for (const e of ic) {
    const p = literalPath(e);
    if (p) out.push(p);
  }
  return out;
}

/** True when an entry of replace_triggered_by refers to an instance (or attribute) that this plan updates or replaces. */
export function triggered(
  decl: ResourceDecl,
  names: InstanceNames,
  ev: Evaluator,
  changes: ReadonlyMap<string, Change>,
  instances: ReadonlyMap<string, ReadonlyMap<string | number, unknown>>,
): boolean {
  for (const e of decl.lifecycle.replaceTriggeredBy) {
    const path = literalPath(e, names, ev);
    if (!path || path.length < 2) continue;
    const [type, name, ...rest] = path;
    const addr = `${type}.${String(name)}`;
    const keyed = instances.get(addr);
    let keys: (string | number | undefined)[] = [undefined];
    let attr = rest;
    if (rest.length > 0 && typeof rest[0] === 'number') {
      keys = [rest[0]];
      attr = rest.slice(1);
    } else if (keyed && !keyed.has('')) {
      const k = rest[0];
      if (k !== undefined && keyed.has(k)) {
        keys = [k];
        attr = rest.slice(1);
      } else keys = [...keyed.keys()];
    }
    for (const k of keys) {
      const c = changes.get(k === undefined ? addr : `${addr}[${typeof k === 'number' ? k : JSON.stringify(k)}]`);
      if (!c) continue;
      if (attr.length === 0) {
        if (c.action === 'update' || c.action === 'replace') return true;
        continue;
      }
      if (c.action === 'replace' || c.action === 'create') return true;
      if (c.action === 'update') {
        const unknown = c.after.unknownPaths.some((u) => attr.every((s, i) => u[i] === s));
        if (unknown || JSON.stringify(getPath(c.before.value, attr)) !== JSON.stringify(getPath(c.after.value, attr)))
          return true;
      }
    }
  }
  return false;
}

/** The ignore_changes paths of a resource resolved against an object (`all` → every argument present). */
export function ignorePathsOf(decl: ResourceDecl, prior: JsonObject, config: JsonObject): AttrPath[] {
  const ic = ignorePaths(decl);
  void prior;
  return ic === 'all' ? Object.keys(config).map((k) => [k]) : ic;
}
