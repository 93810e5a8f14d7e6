// The references an expression makes, for building the dependency graph: each a root name with the
// literal attribute/index steps that follow it. Names bound by `for` and template `for` are not references.
import type { Range } from '../diag/index.js';
import type { Expression, TemplatePart } from '../hcl/ast.js';
import { coverRanges } from '../hcl/index.js';

/** One reference: `aws_x.web[0].arn` is root "aws_x" with steps ["web", 0, "arn"]. */
export interface Reference {
  readonly root: string;
  readonly steps: readonly (string | number)[];
  readonly range: Range;
}

// Expressions are immutable once parsed, and the loader, the graph and every evaluation ask for
// the same expression's references: each is found once.
const memo = new WeakMap<Expression, readonly Reference[]>();

/** Every reference in the expression, in source order. */
export function references(expr: Expression): readonly Reference[] {
  // Literals, the most common arguments, reference nothing: they need no memo entry.
  if (expr.kind === 'Literal' || (expr.kind === 'Template' && expr.parts.every(isLiteralPart))) return NONE;
  const hit = memo.get(expr);
  if (hit) return hit;
  const out: Reference[] = [];
  walk(expr, NO_NAMES, out);
  memo.set(expr, out);
  return out;
}

const NONE: readonly Reference[] = Object.freeze([]);
const NO_NAMES: ReadonlySet<string> = new Set();

const isLiteralPart = (p: TemplatePart): boolean => p.kind === 'TemplateLiteral';

/** A literal index key (number or plain string), or undefined when the key must be evaluated. */
function literalKey(e: Expression): string | number | undefined {
  if (e.kind === 'Literal' && typeof e.value === 'number') return e.value;
  if (e.kind === 'Template' && e.parts.length === 1 && e.parts[0].kind === 'TemplateLiteral') return e.parts[0].value;
  return undefined;
}

/** If `e` is a traversal from a root name, its root, steps, and the expressions still to walk (dynamic keys). */
function traversal(
  e: Expression,
): { root: string; rootRange: Range; steps: (string | number)[]; rest: Expression[] } | undefined {
  if (e.kind === 'Variable') return { root: e.name, rootRange: e.range, steps: [], rest: [] };
  if (e.kind === 'GetAttr') {
    const t = traversal(e.object);
    if (!t) return undefined;
    if (t.rest.length === 0) t.steps.push(e.name);
    return t;
  }
  if (e.kind === 'Index') {
    const t = traversal(e.collection);
    if (!t) return undefined;
    const k = literalKey(e.key);
    if (k !== undefined && t.rest.length === 0) t.steps.push(k);
    else t.rest.push(e.key);
    return t;
  }
  return undefined;
}

function walk(e: Expression, bound: ReadonlySet<string>, out: Reference[]): void {
  const t = e.kind === 'Variable' || e.kind === 'GetAttr' || e.kind === 'Index' ? traversal(e) : undefined;
  if (t) {
    if (!bound.has(t.root)) out.push({ root: t.root, steps: t.steps, range: coverRanges(t.rootRange, e.range) });
    for (const r of t.rest) walk(r, bound, out);
    return;
  }
  const sub = (x: Expression) => walk(x, bound, out);
  switch (e.kind) {
    case 'Variable':
    case 'GetAttr':
    case 'Index':
      // Traversals not rooted in a name, e.g. `f(x).attr` or `[a][0]`.
      if (e.kind === 'GetAttr') sub(e.object);
      if (e.kind === 'Index') {
        sub(e.collection);
        sub(e.key);
      }
      return;
    case 'Literal':
    case 'SplatItem':
      return;
    case 'Template':
      walkParts(e.parts, bound, out);
      return;
    case 'Splat':
      sub(e.source);
      sub(e.each);
      return;
    case 'FunctionCall':
      e.args.forEach(sub);
      return;
    case 'Conditional':
      sub(e.cond);
      sub(e.then);
      sub(e.else);
      return;
    case 'BinaryOp':
      sub(e.left);
      sub(e.right);
      return;
    case 'UnaryOp':
      sub(e.operand);
      return;
    case 'TupleCons':
      e.items.forEach(sub);
      return;
    case 'ObjectCons':
      for (const item of e.items) {
        if (!item.bareKey) sub(item.key);
        sub(item.value);
      }
      return;
    case 'ForExpr': {
      sub(e.collection);
      const inner = new Set(bound);
      inner.add(e.valueVar);
      if (e.keyVar) inner.add(e.keyVar);
      for (const x of [e.keyExpr, e.valueExpr, e.condExpr]) if (x) walk(x, inner, out);
      return;
    }
    case 'Parens':
      sub(e.expr);
      return;
  }
}

function walkParts(parts: readonly TemplatePart[], bound: ReadonlySet<string>, out: Reference[]): void {
  for (const p of parts) {
    switch (p.kind) {
      case 'TemplateLiteral':
        break;
      case 'TemplateInterp':
        walk(p.expr, bound, out);
        break;
      case 'TemplateIf':
        walk(p.cond, bound, out);
        walkParts(p.then, bound, out);
        if (p.else) walkParts(p.else, bound, out);
        break;
      case 'TemplateFor': {
        walk(p.collection, bound, out);
        const inner = new Set(bound);
        inner.add(p.valueVar);
        if (p.keyVar) inner.add(p.keyVar);
        walkParts(p.body, inner, out);
        break;
      }
    }
  }
}
