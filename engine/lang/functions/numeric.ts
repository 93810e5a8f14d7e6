// Numeric functions, and the bool-list reductions alltrue/anytrue.
import { tBool, tList, tNumber, tString } from '../types.js';
import { asBool, asNumber, asString, bool, elements, isKnown, isNull, num, unknown, type Value } from '../values.js';
import { param } from './params.js';
import { FuncError, type FunctionSpec } from './spec.js';

const unary = (f: (n: number) => number): FunctionSpec => ({
  params: [param('num', tNumber)],
  returns: tNumber,
  impl: ([n]) => num(f(asNumber(n))),
});

const extreme = (pick: (a: number, b: number) => number): FunctionSpec => ({
  params: [],
  variadic: param('numbers', tNumber),
  returns: tNumber,
  impl: (args) => {
    if (args.length === 0) throw new FuncError('must pass at least one number');
    return num(args.map(asNumber).reduce((a, b) => pick(a, b)));
  },
});

function boolReduce(all: boolean): FunctionSpec {
  return {
    params: [param('list', tList(tBool))],
    returns: tBool,
    allowUnknown: true,
    impl: ([l]) => {
      if (!isKnown(l)) return unknown(tBool);
      let sawUnknown = false;
      for (const e of elements(l)) {
        if (!isKnown(e)) {
          sawUnknown = true;
          continue;
        }
        if (isNull(e)) {
          if (all) return bool(false);
          continue;
        }
        if (asBool(e) !== all) return bool(!all);
      }
      return sawUnknown ? unknown(tBool) : bool(all);
    },
  };
}

/** Numeric functions by name. */
export const numericFunctions: Record<string, FunctionSpec> = {
  abs: unary(Math.abs),
  ceil: unary(Math.ceil),
  floor: unary(Math.floor),
  signum: unary((n) => (n > 0 ? 1 : n < 0 ? -1 : 0)),
  min: extreme(Math.min),
  max: extreme(Math.max),
  pow: {
    params: [param('num', tNumber), param('power', tNumber)],
    returns: tNumber,
    impl: ([a, b]) => num(asNumber(a) ** asNumber(b)),
  },
  log: {
    params: [param('num', tNumber), param('base', tNumber)],
    returns: tNumber,
    impl: ([a, b]) => num(Math.log(asNumber(a)) / Math.log(asNumber(b))),
  },
  parseint: {
    params: [param('number', tString), param('base', tNumber)],
    returns: tNumber,
    impl: ([s, b]) => {
      const base = asNumber(b);
      if (!Number.isInteger(base) || base < 2 || base > 62)
        throw new FuncError('base must be a whole number between 2 and 62 inclusive', 1);
      const digits = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'.slice(0, base);
      const text = asString(s);
      const m = /^([+-]?)(.+)$/.exec(text);
      const body = m?.[2] ?? '';
      const lookup = base <= 36 ? body.toLowerCase() : body;
      if (!m || [...lookup].some((c) => !digits.includes(c)))
        throw new FuncError(`cannot parse ${JSON.stringify(text)} as a base ${base} integer`, 0);
      let n = 0n;
      for (const c of lookup) n = n * BigInt(base) + BigInt(digits.indexOf(c));
      return num(Number(m[1] === '-' ? -n : n));
    },
  },
  sum: {
    params: [param('list', tList(tNumber))],
    returns: tNumber,
    impl: ([l]) => {
      const items = elements(l);
      if (items.length === 0) throw new FuncError('cannot sum an empty list', 0);
      items.forEach((e, i) => {
        if (isNull(e))
          throw new FuncError(`argument must be list, set, or tuple of number values; element ${i} is null`, 0);
      });
      return num(items.reduce((acc: number, e: Value) => acc + asNumber(e), 0));
    },
  },
  alltrue: boolReduce(true),
  anytrue: boolReduce(false),
};
