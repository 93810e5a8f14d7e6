// String templates: literal text, `${…}` interpolations and `%{if}`/`%{for}` directives.
import type { Range } from '../diag/index.js';
import type { TemplatePart } from '../hcl/ast.js';
import { ConvertError, convertOrThrow } from './convert.js';
import { bindLocals, type Env } from './env.js';
import { ev } from './eval.js';
import { fail } from './failure.js';
import { iterationPairs } from './iterate.js';
import { tBool, tString } from './types.js';
import { isNull, str, UNKNOWN, unknown, type Value, withSensitive } from './values.js';

interface Acc {
  text: string;
  unknown: boolean;
  sensitive: boolean;
}

/** Evaluates a template. A lone interpolation yields its value unconverted, as HCL specifies. */
export function evalTemplate(parts: readonly TemplatePart[], env: Env, _range: Range): Value {
  if (parts.length === 1 && parts[0].kind === 'TemplateInterp') return ev(parts[0].expr, env);
  const acc: Acc = { text: '', unknown: false, sensitive: false };
  render(parts, env, acc);
  const out = acc.unknown ? unknown(tString) : str(acc.text);
  return withSensitive(out, acc.sensitive);
}

function render(parts: readonly TemplatePart[], env: Env, acc: Acc): void {
  for (const part of parts) {
    switch (part.kind) {
      case 'TemplateLiteral':
        acc.text += part.value;
        break;
      case 'TemplateInterp': {
        const v = ev(part.expr, env);
        acc.sensitive ||= v.sensitive;
        if (isNull(v))
          fail(
            'Invalid template interpolation value',
            part.expr.range,
            'The expression result is null. Cannot include a null value in a string template.',
          );
        const s = toStr(v, part.expr.range);
        if (s.payload === UNKNOWN) acc.unknown = true;
        else acc.text += s.payload as string;
        break;
      }
      case 'TemplateIf': {
        const c = ev(part.cond, env);
        acc.sensitive ||= c.sensitive;
        if (isNull(c))
          fail(
            'Invalid template if directive',
            part.cond.range,
            'The condition value is null. Conditions must either be true or false.',
          );
        let b: Value;
        try {
          b = convertOrThrow(c, tBool);
        } catch (e) {
          if (e instanceof ConvertError)
            fail('Invalid template if directive', part.cond.range, `The condition must be of type bool: ${e.message}.`);
          throw e;
        }
        if (b.payload === UNKNOWN) {
          acc.unknown = true;
          break;
        }
        render(b.payload === true ? part.then : (part.else ?? []), env, acc);
        break;
      }
      case 'TemplateFor': {
        const coll = ev(part.collection, env);
        acc.sensitive ||= coll.sensitive;
        if (coll.payload === UNKNOWN) {
          acc.unknown = true;
          break;
        }
        for (const [k, v] of iterationPairs(coll, part.collection.range)) {
          const bindings = new Map<string, Value>([[part.valueVar, v]]);
          if (part.keyVar) bindings.set(part.keyVar, k);
          render(part.body, bindLocals(env, bindings), acc);
        }
        break;
      }
    }
  }
}

function toStr(v: Value, range: Range): Value {
  try {
    return convertOrThrow(v, tString);
  } catch (e) {
    if (e instanceof ConvertError)
      fail(
        'Invalid template interpolation value',
        range,
        `Cannot include the given value in a string template: ${e.message}.`,
      );
    throw e;
  }
}
