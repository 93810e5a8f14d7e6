// Function calls: argument expansion, arity, conversion to parameter types, unknown and sensitive
// handling, and the lazily evaluated `try` and `can`.
import { type Diagnostic, error, type Range } from '../diag/index.js';
import type { FunctionCall } from '../hcl/ast.js';
import { ConvertError, conversionMessage, convertOrThrow } from './convert.js';
import type { Env } from './env.js';
import { ev, evIsolated } from './eval.js';
import { EvalFailure, fail, failStatic, isStatic } from './failure.js';
import { type CallContext, FuncError, type FunctionSpec, type Param } from './functions/spec.js';
import { containsSensitive, unmarkDeep } from './marks.js';
import { didYouMean } from './suggest.js';
import { renderTemplateText } from './templatefile.js';
import { tBool, tDynamic } from './types.js';
import {
  bool,
  DYNAMIC_UNKNOWN,
  elements,
  isNull,
  isWhollyKnown,
  UNKNOWN,
  unknown,
  type Value,
  withSensitive,
} from './values.js';

/** Names handled by the evaluator itself because they see their arguments unevaluated. */
const LAZY = ['try', 'can'] as const;

/** Evaluates a call expression. */
export function evalCall(expr: FunctionCall, env: Env): Value {
  const name = expr.name.startsWith('core::') ? expr.name.slice('core::'.length) : expr.name;
  if (name === 'try') return evalTry(expr, env);
  if (name === 'can') return evalCan(expr, env);
  const spec = env.ctx.functions.get(name);
  if (!spec) {
    const candidates = [...env.ctx.functions.keys(), ...LAZY];
    const detail = name.includes('::')
      ? `There is no function named "${name}". Provider functions are available only from providers that are declared and that offer them.${didYouMean(name, candidates)}`
      : `There is no function named "${name}".${didYouMean(name, candidates)}`;
    failStatic('Call to unknown function', expr.nameRange, detail);
  }
  const args: Value[] = [];
  const ranges: Range[] = [];
  let unknownExpansion = false;
  expr.args.forEach((a, i) => {
    const v = ev(a, env);
    if (expr.expandFinal && i === expr.args.length - 1) {
      if (isNull(v))
        fail(
          'Invalid expanding argument value',
          a.range,
          'The expanding argument (indicated by ...) must not be null.',
        );
      if (v.payload === UNKNOWN) {
        unknownExpansion = true;
        return;
      }
      const k = v.type.kind;
      if (k !== 'list' && k !== 'set' && k !== 'tuple')
        fail(
          'Invalid expanding argument value',
          a.range,
          'The expanding argument (indicated by ...) must be of a tuple, list, or set type.',
        );
      for (const e of elements(v)) {
        args.push(v.sensitive ? withSensitive(e, true) : e);
        ranges.push(a.range);
      }
      return;
    }
    args.push(v);
    ranges.push(a.range);
  });
  // An unknown expanded list hides how many arguments there are, so the call cannot be checked yet.
  if (unknownExpansion) return unknown(returnType(spec, []));
  return callFunction(name, spec, args, ranges, expr.range, env);
}

function returnType(spec: FunctionSpec, args: readonly Value[]) {
  const r = spec.returns;
  if (!r) return tDynamic;
  return typeof r === 'function' ? r(args) : r;
}

/** Calls a function spec on evaluated arguments; `ranges[i]` locates argument i. */
export function callFunction(
  name: string,
  spec: FunctionSpec,
  rawArgs: readonly Value[],
  ranges: readonly Range[],
  callRange: Range,
  env: Env,
): Value {
  const { params, variadic } = spec;
  if (rawArgs.length < params.length) {
    const missing = params[rawArgs.length];
    fail(
      'Not enough function arguments',
      callRange,
      `Function "${name}" expects ${params.length}${variadic ? ' or more' : ''} argument(s). Missing value for "${missing.name}".`,
    );
  }
  if (!variadic && rawArgs.length > params.length)
    fail(
      'Too many function arguments',
      ranges[params.length] ?? callRange,
      `Function "${name}" expects only ${params.length} argument(s).`,
    );
  const mode = spec.marks ?? 'deep';
  const paramOf = (i: number): Param => (i < params.length ? params[i] : variadic!);
  const invalidValue = (i: number) => `Invalid value for "${paramOf(i).name}" parameter of ${name}`;
  let sensitive = false;
  const args: Value[] = [];
  for (let i = 0; i < rawArgs.length; i++) {
    const p = paramOf(i);
    let v = rawArgs[i];
    if (isNull(v) && !p.allowNull)
      fail('Invalid function argument', ranges[i], `${invalidValue(i)}: argument must not be null.`);
    // Converting while the marks are still on keeps a sensitive value out of the conversion's message.
    try {
      v = convertOrThrow(v, p.type);
    } catch (e) {
      if (!(e instanceof ConvertError)) throw e;
      fail('Invalid function argument', ranges[i], `${invalidValue(i)}: ${conversionMessage(e)}.`);
    }
    if (mode === 'deep') {
      const u = unmarkDeep(v);
      v = u.value;
      sensitive ||= u.sensitive;
    } else if (mode === 'shallow' && v.sensitive) {
      v = withSensitive(v, false);
      sensitive = true;
    }
    args.push(v);
  }
  const mark = (v: Value): Value => (sensitive ? withSensitive(v, true) : v);
  if (!spec.allowUnknown && !args.every(isWhollyKnown)) return mark(unknown(returnType(spec, args)));
  const cctx: CallContext = {
    baseDir: env.ctx.baseDir,
    renderTemplate: (text, filename, vars) => renderTemplateText(text, filename, vars, env.ctx),
  };
  try {
    const out = spec.impl(args, cctx);
    if (typeof out.payload === 'number' && !Number.isFinite(out.payload))
      throw new FuncError('the result is not a finite number');
    return mark(out);
  } catch (e) {
    const blamed = e instanceof FuncError && e.arg !== undefined && e.arg < args.length ? e.arg : undefined;
    // Which arguments hold a sensitive value anywhere inside; worked out only here, as calls rarely fail.
    const hidden = rawArgs.map(containsSensitive);
    // The implementation saw the arguments without their marks: its message, or a template's, may quote any of them.
    if (hidden.includes(true) && (e instanceof FuncError || e instanceof RangeError || e instanceof EvalFailure)) {
      const why =
        blamed !== undefined && hidden[blamed]
          ? 'the details are hidden because the value is sensitive'
          : hiddenBecause(hidden, paramOf);
      if (blamed !== undefined) fail('Invalid function argument', ranges[blamed], `${invalidValue(blamed)}: ${why}.`);
      fail('Error in function call', callRange, `Call to function "${name}" failed: ${why}.`);
    }
    // Resource limits (huge paddings, precisions, repeats) surface as RangeError; they are the user's input, not a bug.
    if (e instanceof RangeError)
      fail('Error in function call', callRange, `Call to function "${name}" failed: ${e.message}.`);
    if (!(e instanceof FuncError)) throw e;
    if (blamed !== undefined)
      fail('Invalid function argument', ranges[blamed], `${invalidValue(blamed)}: ${e.message}`);
    return fail('Error in function call', callRange, `Call to function "${name}" failed: ${e.message}`);
  }
}

/** The reason a message is withheld: which arguments are sensitive, by position and parameter name. */
function hiddenBecause(hidden: readonly boolean[], paramOf: (i: number) => Param): string {
  const which = hidden.flatMap((h, i) => (h ? [`${i + 1} ("${paramOf(i).name}")`] : []));
  if (which.length === 1) return `the details are hidden because argument ${which[0]} is sensitive`;
  const list = `${which.slice(0, -1).join(', ')} and ${which[which.length - 1]}`;
  return `the details are hidden because arguments ${list} are sensitive`;
}

function evalTry(expr: FunctionCall, env: Env): Value {
  if (expr.args.length === 0)
    fail('Not enough function arguments', expr.range, 'Function "try" expects at least one argument.');
  const errors = [];
  for (const a of expr.args) {
    const r = evIsolated(a, env);
    if (r.diags.some(isStatic)) return passStatic(r.diags, env);
    if (!r.failed) {
      // An unknown result might yet fail at apply time, so try cannot settle on it or move past it.
      if (!isWhollyKnown(r.value)) return unknown(tDynamic);
      return r.value;
    }
    errors.push(...r.diags);
  }
  env.diags.push(
    error(
      'Error in function call',
      expr.range,
      `Call to function "try" failed: no expression succeeded:\n${errors.map((d) => `- ${d.summary}${d.detail ? `\n  ${d.detail}` : ''}`).join('\n')}`,
    ),
  );
  return DYNAMIC_UNKNOWN;
}

function evalCan(expr: FunctionCall, env: Env): Value {
  if (expr.args.length !== 1)
    fail(
      expr.args.length === 0 ? 'Not enough function arguments' : 'Too many function arguments',
      expr.range,
      'Function "can" expects exactly one argument.',
    );
  const r = evIsolated(expr.args[0], env);
  if (r.diags.some(isStatic)) return passStatic(r.diags, env);
  if (r.failed) return bool(false);
  if (!isWhollyKnown(r.value)) return unknown(tBool);
  return bool(true);
}

/** Static errors are not try's to catch: report them as if try were not there. */
function passStatic(diags: readonly Diagnostic[], env: Env): Value {
  env.diags.push(...diags);
  return DYNAMIC_UNKNOWN;
}
