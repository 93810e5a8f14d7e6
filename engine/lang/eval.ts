// Expression evaluation: AST + context → value and diagnostics. User mistakes become diagnostics at
// the failing node and that node's value becomes unknown, so evaluation never throws for them.
import { type Diagnostic, error, hasErrors } from '../diag/index.js';
import type { Conditional, Expression, Literal, ObjectCons, Splat, Variable } from '../hcl/ast.js';
import { evalCall } from './call.js';
import { ConvertError, convertOrThrow } from './convert.js';
import type { Env } from './env.js';
import { EvalFailure, fail, failStatic, isStatic } from './failure.js';
import { evalForExpr } from './forexpr.js';
import { binaryOp, unaryOp } from './operators.js';
import type { EvalContext } from './scope.js';
import { didYouMean } from './suggest.js';
import { evalTemplate } from './template.js';
import { getAttr, index } from './traversal.js';
import { tBool, tDynamic, tString, unifyTypes } from './types.js';
import {
  bool,
  DYNAMIC_UNKNOWN,
  elements,
  isNull,
  NULL,
  num,
  objectOfDistinct,
  tuple,
  UNKNOWN,
  unknown,
  type Value,
  withSensitive,
} from './values.js';

const MAX_EXACT = 2 ** 53;

/** Evaluates an expression. Errors come back as diagnostics; the value is then unknown where they struck. */
export function evaluate(expr: Expression, ctx: EvalContext): { value: Value; diagnostics: Diagnostic[] } {
  const env: Env = { ctx, diags: [] };
  try {
    const value = ev(expr, env);
    return { value, diagnostics: env.diags };
  } catch (e) {
    // Only exhaustion (an absurdly deep expression) is the input's fault; anything else is a bug and propagates.
    if (!(e instanceof RangeError)) throw e;
    const detail = 'The expression is nested too deeply to evaluate.';
    return { value: DYNAMIC_UNKNOWN, diagnostics: [...env.diags, error('Expression too complex', expr.range, detail)] };
  }
}

/** Evaluates one node, recording its failure (if any) and yielding an unknown in its place. */
export function ev(expr: Expression, env: Env): Value {
  try {
    return evalNode(expr, env);
  } catch (e) {
    if (e instanceof EvalFailure) {
      env.diags.push(e.diagnostic);
      return DYNAMIC_UNKNOWN;
    }
    throw e;
  }
}

/** Evaluates in a fresh diagnostics list; reports whether an error occurred (for `try` and `can`). */
export function evIsolated(expr: Expression, env: Env): { value: Value; failed: boolean; diags: Diagnostic[] } {
  const sub: Env = { ...env, diags: [] };
  const value = ev(expr, sub);
  return { value, failed: hasErrors(sub.diags), diags: sub.diags };
}

function evalNode(expr: Expression, env: Env): Value {
  switch (expr.kind) {
    case 'Literal':
      return literal(expr);
    case 'Template':
      return evalTemplate(expr.parts, env, expr.range);
    case 'Variable':
      return variable(expr, env);
    case 'GetAttr':
      return getAttrNode(expr.object, expr.name, expr.nameRange, env);
    case 'Index':
      return index(ev(expr.collection, env), ev(expr.key, env), expr.range);
    case 'Splat':
      return splat(expr, env);
    case 'SplatItem':
      if (!env.splatItem) fail('Invalid splat', expr.range, 'A splat element is only valid inside a splat expression.');
      return env.splatItem;
    case 'FunctionCall':
      return evalCall(expr, env);
    case 'Conditional':
      return conditional(expr, env);
    case 'BinaryOp': {
      const left = ev(expr.left, env);
      if (decidesAlone(expr.op, left)) {
        // `x != null && x.a == 1`: a left operand that settles the answer excuses the right one's errors.
        const isolated = evIsolated(expr.right, env);
        env.diags.push(...isolated.diags.filter(isStatic));
        const right = isolated.value;
        return binaryOp(
          expr.op,
          left,
          right.payload === UNKNOWN ? left : right,
          expr.left.range,
          expr.right.range,
          expr.range,
        );
      }
      return binaryOp(expr.op, left, ev(expr.right, env), expr.left.range, expr.right.range, expr.range);
    }
    case 'UnaryOp':
      return unaryOp(expr.op, ev(expr.operand, env), expr.operand.range);
    case 'TupleCons':
      return tuple(expr.items.map((i) => ev(i, env)));
    case 'ObjectCons':
      return objectCons(expr, env);
    case 'ForExpr':
      return evalForExpr(expr, env);
    case 'Parens':
      return ev(expr.expr, env);
  }
}

/** True when the left operand of `&&` (false) or `||` (true) already decides the result. */
function decidesAlone(op: string, left: Value): boolean {
  if (op !== '&&' && op !== '||') return false;
  const p = left.payload;
  const b = p === 'true' ? true : p === 'false' ? false : p;
  return op === '&&' ? b === false : b === true;
}

function literal(expr: Literal): Value {
  const v = expr.value;
  if (v === null) return NULL;
  if (typeof v === 'boolean') return bool(v);
  // Only integers written in full are held to exactness; `1e20` is a float literal by how it is written.
  const tooBig = /^\d+$/.test(expr.raw) && BigInt(expr.raw) > BigInt(MAX_EXACT);
  if (tooBig || !Number.isFinite(v))
    fail(
      'Invalid number literal',
      expr.range,
      `The number ${expr.raw} cannot be represented exactly: integers are limited to ${MAX_EXACT} (2^53).`,
    );
  return num(v);
}

/** Words used in messages about undeclared names under well-known roots. */
const ROOT_KINDS: Readonly<Record<string, { what: string; article: string }>> = {
  var: { what: 'input variable', article: 'An' },
  local: { what: 'local value', article: 'A' },
  module: { what: 'module call', article: 'A' },
};

function variable(expr: Variable, env: Env): Value {
  const local = env.locals?.get(expr.name);
  if (local) return local;
  const v = env.ctx.scope.lookup(expr.name);
  if (v) return v;
  const candidates = [...env.ctx.scope.names(), ...(env.locals?.keys() ?? [])];
  return failStatic(
    'Reference to undeclared name',
    expr.range,
    `There is no value named "${expr.name}" in this scope.${didYouMean(expr.name, candidates)}`,
  );
}

/** Attribute access, with friendlier messages when the object is a root such as `var`, `local`, a resource type or `data.type`. */
function getAttrNode(objExpr: Expression, name: string, nameRange: Expression['range'], env: Env): Value {
  const obj = ev(objExpr, env);
  const root = rootName(objExpr, env);
  if (root && obj.type.kind === 'object' && obj.payload !== UNKNOWN && obj.payload !== null) {
    const attrs = obj.payload as ReadonlyMap<string, Value>;
    if (!attrs.has(name)) {
      const range = { filename: nameRange.filename, start: objExpr.range.start, end: nameRange.end };
      const hint = didYouMean(name, attrs.keys());
      const kind = ROOT_KINDS[root.path[0]];
      if (kind && root.path.length === 1)
        failStatic(
          `Reference to undeclared ${kind.what}`,
          range,
          `${kind.article} ${kind.what} with the name "${name}" has not been declared.${hint}`,
        );
      if (root.path[0] === 'data' && root.path.length === 2)
        failStatic(
          'Reference to undeclared resource',
          range,
          `A data resource "${root.path[1]}" "${name}" has not been declared.${hint}`,
        );
      if (root.path.length === 1 && root.path[0] !== 'data' && root.path[0].includes('_'))
        failStatic(
          'Reference to undeclared resource',
          range,
          `A managed resource "${root.path[0]}" "${name}" has not been declared.${hint}`,
        );
    }
  }
  return getAttr(obj, name, nameRange);
}

function rootName(expr: Expression, env: Env): { path: string[] } | undefined {
  if (expr.kind === 'Variable') return env.locals?.has(expr.name) ? undefined : { path: [expr.name] };
  if (
    expr.kind === 'GetAttr' &&
    expr.object.kind === 'Variable' &&
    expr.object.name === 'data' &&
    !env.locals?.has('data')
  )
    return { path: ['data', expr.name] };
  return undefined;
}

function conditional(expr: Conditional, env: Env): Value {
  const c = ev(expr.cond, env);
  // Both branches are evaluated (their types decide the result type), but only the chosen one's
  // errors count: `x != null ? x.attr : "none"` must not fail when x is null.
  const then = evIsolated(expr.then, env);
  const other = evIsolated(expr.else, env);
  const a = then.value;
  const b = other.value;
  // Static errors (undeclared names, unknown functions) count wherever they are, as validation would find them.
  const report = (which: 'then' | 'else' | 'both'): void => {
    env.diags.push(...(which !== 'else' ? then.diags : then.diags.filter(isStatic)));
    env.diags.push(...(which !== 'then' ? other.diags : other.diags.filter(isStatic)));
  };
  if (isNull(c) || c.payload === UNKNOWN) report('both');
  else if (c.type.kind === 'bool' || c.type.kind === 'string')
    report(c.payload === true || c.payload === 'true' ? 'then' : 'else');
  if (isNull(c))
    fail('Null condition', expr.cond.range, 'The condition value is null. Conditions must either be true or false.');
  let cond: Value;
  try {
    cond = convertOrThrow(c, tBool);
  } catch (e) {
    if (e instanceof ConvertError)
      fail('Incorrect condition type', expr.cond.range, `The condition expression must be of type bool: ${e.message}.`);
    throw e;
  }
  const unified = unifyTypes([a.type, b.type]);
  if (!unified)
    fail(
      'Inconsistent conditional result types',
      expr.range,
      'The true and false result expressions must have consistent types.',
    );
  const to = (v: Value, range: Expression['range']): Value => {
    try {
      return convertOrThrow(v, unified);
    } catch (e) {
      if (e instanceof ConvertError)
        fail(
          'Inconsistent conditional result types',
          range,
          `The true and false result expressions must have consistent types: ${e.message}.`,
        );
      throw e;
    }
  };
  if (cond.payload === UNKNOWN) {
    const sens = c.sensitive || a.sensitive || b.sensitive;
    return withSensitive(unknown(unified), sens);
  }
  const chosen = cond.payload === true ? to(a, expr.then.range) : to(b, expr.else.range);
  return c.sensitive ? withSensitive(chosen, true) : chosen;
}

function objectCons(expr: ObjectCons, env: Env): Value {
  const out = new Map<string, Value>();
  // Keys that came from sensitive values: a message about one of them must not show it.
  const hiddenKeys = new Set<string>();
  let unknownKey = false;
  let sensitiveKey = false;
  for (const item of expr.items) {
    let key: string;
    let hidden = false;
    if (item.bareKey && item.key.kind === 'Variable') key = item.key.name;
    else {
      const k = ev(item.key, env);
      if (isNull(k)) {
        env.diags.push(error('Invalid object key', item.key.range, 'Key expression must not produce a null value.'));
        continue;
      }
      let ks: Value;
      try {
        ks = convertOrThrow(k, tString);
      } catch (e) {
        if (!(e instanceof ConvertError)) throw e;
        env.diags.push(error('Incorrect key type', item.key.range, `Can't use this value as a key: ${e.message}.`));
        continue;
      }
      if (ks.payload === UNKNOWN) {
        unknownKey = true;
        ev(item.value, env);
        continue;
      }
      hidden = ks.sensitive;
      sensitiveKey ||= hidden;
      key = ks.payload as string;
    }
    if (out.has(key)) {
      // When either of the two keys is sensitive, naming the other would show the sensitive one too.
      const detail =
        hidden || hiddenKeys.has(key)
          ? 'An attribute with this name was already defined in this object; the name is hidden because it is sensitive.'
          : `An attribute named "${key}" was already defined in this object.`;
      env.diags.push(error('Duplicate object attribute', item.key.range, detail));
      continue;
    }
    if (hidden) hiddenKeys.add(key);
    out.set(key, ev(item.value, env));
  }
  if (unknownKey) return withSensitive(unknown(tDynamic), sensitiveKey);
  return withSensitive(objectOfDistinct([...out]), sensitiveKey);
}

function splat(expr: Splat, env: Env): Value {
  const src = ev(expr.source, env);
  if (isNull(src)) return withSensitive(tuple([]), src.sensitive);
  if (src.payload === UNKNOWN) return withSensitive(unknown(tDynamic), src.sensitive);
  const t = src.type.kind;
  const items = t === 'list' || t === 'set' || t === 'tuple' ? elements(src) : [src];
  // Elements of a sensitive source are sensitive too, as they are when indexed, so errors about them cannot show them.
  const out = items.map((item) =>
    ev(expr.each, { ...env, splatItem: src.sensitive ? withSensitive(item, true) : item }),
  );
  return withSensitive(tuple(out), src.sensitive);
}
