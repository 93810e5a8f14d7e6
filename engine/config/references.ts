import { type Diagnostic, didYouMean, error, type Range } from '../diag/index.js';
import type { Block, Body, Expression } from '../hcl/index.js';
import { type Reference, references } from '../lang/index.js';
import type { Module, ResourceDecl } from './module.js';

/** Where an expression sits, which decides the extra names it may use. */
interface Site {
  /** `count.index` is allowed (inside a resource with count). */
  readonly count: boolean;
  /** `each.key` / `each.value` are allowed (inside a resource with for_each). */
  readonly each: boolean;
  /** Only this variable may be referenced (inside its validation block). */
  readonly onlyVar?: string;
}

const NONE: Site = { count: false, each: false };
const PATH_ATTRS = ['module', 'root', 'cwd'];

/** Reports every reference to a name that is not declared, with a close name when one exists. */
export function checkReferences(m: Module): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const types = new Set<string>();
  for (const r of m.resources.values()) if (r.mode === 'managed') types.add(r.type);
  const check = (e: Expression, site: Site) => {
    for (const ref of references(e)) checkOne(ref, site, m, types, diags);
  };
  for (const l of m.locals.values()) check(l.expr, NONE);
  for (const o of m.outputs.values()) {
    check(o.value, NONE);
    for (const p of o.preconditions) {
      check(p.condition, NONE);
      check(p.errorMessage, NONE);
    }
  }
  for (const v of m.variables.values()) {
    for (const rule of v.validations) {
      check(rule.condition, { ...NONE, onlyVar: v.name });
      check(rule.errorMessage, { ...NONE, onlyVar: v.name });
    }
  }
  for (const p of m.providers.values()) forEachExpr(p.body, (e) => check(e, NONE));
  for (const r of m.resources.values()) checkResource(r, check);
  for (const i of m.imports) check(i.id, NONE);
  return diags;
}

function checkResource(r: ResourceDecl, check: (e: Expression, site: Site) => void): void {
  const site: Site = { count: r.count !== undefined, each: r.forEach !== undefined };
  if (r.count) check(r.count.expr, NONE);
  if (r.forEach) check(r.forEach.expr, NONE);
  for (const a of r.config.attributes) check(a.expr, site);
  for (const b of r.config.blocks) forEachExpr(b.body, (e) => check(e, site));
  for (const d of r.dependsOn) check(d, NONE);
  for (const t of r.lifecycle.replaceTriggeredBy) check(t, site);
}

/** Calls `f` on every attribute expression in a body, nested blocks included. */
export function forEachExpr(body: Body, f: (e: Expression) => void): void {
  for (const a of body.attributes) f(a.expr);
  for (const b of body.blocks as readonly Block[]) forEachExpr(b.body, f);
}

function checkOne(ref: Reference, site: Site, m: Module, types: ReadonlySet<string>, diags: Diagnostic[]): void {
  const [first, second] = ref.steps;
  const r = ref.range;
  const name = typeof first === 'string' ? first : undefined;
  switch (ref.root) {
    case 'var':
      if (!name) return void diags.push(invalid(r, 'var', 'a variable name, such as var.image'));
      if (site.onlyVar !== undefined && name !== site.onlyVar) {
        diags.push(
          error(
            'Invalid reference in variable validation',
            r,
            `A validation rule may refer only to var.${site.onlyVar}.`,
          ),
        );
        return;
      }
      if (!m.variables.has(name)) {
        diags.push(
          error(
            'Reference to undeclared input variable',
            r,
            `No variable named "${name}" is declared.${didYouMean(name, m.variables.keys())}`,
          ),
        );
      }
      return;
    case 'local':
      if (!name) return void diags.push(invalid(r, 'local', 'a local value name, such as local.tags'));
      if (!m.locals.has(name)) {
        diags.push(
          error(
            'Reference to undeclared local value',
            r,
            `No local value named "${name}" is defined.${didYouMean(name, m.locals.keys())}`,
          ),
        );
      }
      return;
    case 'count':
      if (!site.count)
        diags.push(
          error(
            'Reference to "count" in non-counted context',
            r,
            'count.index is available only inside a resource that sets count.',
          ),
        );
      else if (name !== 'index') diags.push(invalid(r, 'count', 'count.index'));
      return;
    case 'each':
      if (!site.each)
        diags.push(
          error(
            'Reference to "each" in context without for_each',
            r,
            'each.key and each.value are available only inside a resource that sets for_each.',
          ),
        );
      else if (name !== 'key' && name !== 'value') diags.push(invalid(r, 'each', 'each.key or each.value'));
      return;
    case 'path':
      if (!name || !PATH_ATTRS.includes(name)) diags.push(invalid(r, 'path', 'path.module, path.root or path.cwd'));
      return;
    case 'data': {
      const type = name;
      const dname = typeof second === 'string' ? second : undefined;
      if (!type || !dname)
        return void diags.push(invalid(r, 'data', 'a data source, such as data.apprunner_connection.github'));
      const addr = `data.${type}.${dname}`;
      if (!m.resources.has(addr)) {
        const known = [...m.resources.values()].filter((x) => x.mode === 'data').map((x) => x.address);
        diags.push(
          error(
            'Reference to undeclared data source',
            r,
            `No data source ${addr} is declared.${didYouMean(addr, known)}`,
          ),
        );
      }
      return;
    }
    default:
      checkResourceRef(ref, name, m, types, diags);
  }
}

function checkResourceRef(
  ref: Reference,
  name: string | undefined,
  m: Module,
  types: ReadonlySet<string>,
  diags: Diagnostic[],
): void {
  if (!types.has(ref.root)) {
    const roots = ['var', 'local', 'data', 'path', 'count', 'each', ...types];
    diags.push(
      error(
        'Reference to undeclared resource',
        ref.range,
        `"${ref.root}" is neither a resource type declared in this configuration nor a known name such as var or local.${didYouMean(ref.root, roots)}`,
      ),
    );
    return;
  }
  if (!name) return void diags.push(invalid(ref.range, ref.root, `a resource name, such as ${ref.root}.main`));
  const addr = `${ref.root}.${name}`;
  if (!m.resources.has(addr)) {
    const known = [...m.resources.values()]
      .filter((x) => x.type === ref.root && x.mode === 'managed')
      .map((x) => x.name);
    diags.push(
      error(
        'Reference to undeclared resource',
        ref.range,
        `No resource ${addr} is declared.${didYouMean(name, known)}`,
      ),
    );
  }
}

function invalid(r: Range, root: string, expected: string): Diagnostic {
  return error('Invalid reference', r, `"${root}" must be followed by ${expected}.`);
}
