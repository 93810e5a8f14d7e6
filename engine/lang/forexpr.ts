// `for` expressions: tuple form `[for …]` and object form `{for … => …}`, with `if` filters and `...` grouping.
import { error } from '../diag/index.js';
import type { ForExpr } from '../hcl/ast.js';
import { ConvertError, convertOrThrow } from './convert.js';
import { bindLocals, type Env } from './env.js';
import { ev } from './eval.js';
import { fail } from './failure.js';
import { iterationPairs } from './iterate.js';
import { tBool, tDynamic, tString } from './types.js';
import { isNull, object, tuple, UNKNOWN, unknown, type Value, withSensitive } from './values.js';

/** Evaluates a `for` expression. Unknown collections, conditions or keys make the whole result unknown. */
export function evalForExpr(expr: ForExpr, env: Env): Value {
  const coll = ev(expr.collection, env);
  let sensitive = coll.sensitive;
  if (coll.payload === UNKNOWN) return withSensitive(unknown(tDynamic), sensitive);
  const pairs = iterationPairs(coll, expr.collection.range);
  let isUnknown = false;
  const items: Value[] = [];
  const groups = new Map<string, Value[]>();
  const single = new Map<string, Value>();
  // Keys that came from sensitive values: a message about one of them must not show it.
  const hiddenKeys = new Set<string>();
  for (const [k, v] of pairs) {
    const bindings = new Map<string, Value>([[expr.valueVar, v]]);
    if (expr.keyVar) bindings.set(expr.keyVar, k);
    const inner = bindLocals(env, bindings);
    if (expr.condExpr) {
      const c = ev(expr.condExpr, inner);
      sensitive ||= c.sensitive;
      if (isNull(c))
        fail("Invalid 'for' condition", expr.condExpr.range, "The value of the 'if' clause must not be null.");
      let b: Value;
      try {
        b = convertOrThrow(c, tBool);
      } catch (e) {
        if (e instanceof ConvertError)
          fail("Invalid 'for' condition", expr.condExpr.range, `The 'if' clause value is invalid: ${e.message}.`);
        throw e;
      }
      if (b.payload === UNKNOWN) {
        isUnknown = true;
        continue;
      }
      if (b.payload === false) continue;
    }
    if (!expr.keyExpr) {
      items.push(ev(expr.valueExpr, inner));
      continue;
    }
    const kv = ev(expr.keyExpr, inner);
    sensitive ||= kv.sensitive;
    if (isNull(kv))
      fail(
        'Invalid object key',
        expr.keyExpr.range,
        "Key expression in 'for' expression must not produce a null value.",
      );
    let ks: Value;
    try {
      ks = convertOrThrow(kv, tString);
    } catch (e) {
      if (e instanceof ConvertError)
        fail('Invalid object key', expr.keyExpr.range, `The key expression produced an invalid result: ${e.message}.`);
      throw e;
    }
    const value = ev(expr.valueExpr, inner);
    if (ks.payload === UNKNOWN) {
      isUnknown = true;
      continue;
    }
    const key = ks.payload as string;
    if (expr.group) {
      const g = groups.get(key) ?? [];
      g.push(value);
      groups.set(key, g);
    } else if (single.has(key)) {
      // When either of the two keys is sensitive, naming the other would show the sensitive one too.
      const which =
        ks.sensitive || hiddenKeys.has(key) ? 'the same key (hidden because it is sensitive)' : `the key "${key}"`;
      env.diags.push(
        error(
          'Duplicate object key',
          expr.keyExpr.range,
          `Two different items produced ${which} in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key.`,
        ),
      );
    } else {
      if (ks.sensitive) hiddenKeys.add(key);
      single.set(key, value);
    }
  }
  if (isUnknown) return withSensitive(unknown(tDynamic), sensitive);
  if (!expr.keyExpr) return withSensitive(tuple(items), sensitive);
  const out = expr.group ? [...groups].map(([k, vs]) => [k, tuple(vs)] as const) : [...single];
  return withSensitive(object(out), sensitive);
}
