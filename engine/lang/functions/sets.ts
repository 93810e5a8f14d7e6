// Set algebra: union, intersection and difference over sets of any one element type.

import { convertOrThrow } from '../convert.js';
import { type Type, tDynamic, tSet, unifyTypes } from '../types.js';
import { canonicalKey, elements, set, type Value } from '../values.js';
import { param } from './params.js';
import { FuncError, type FunctionSpec } from './spec.js';

function unified(args: readonly Value[]): { elem: Type; sets: Value[][] } {
  const elem = unifyTypes(args.map((a) => (a.type as { elem: Type }).elem));
  if (!elem) throw new FuncError('given sets must all have compatible element types');
  return { elem, sets: args.map((a) => elements(a).map((e) => convertOrThrow(e, elem))) };
}

function setOp(op: (sets: Value[][]) => Value[], min: number): FunctionSpec {
  return {
    params: [param('first_set', tSet(tDynamic))],
    variadic: param('other_sets', tSet(tDynamic)),
    impl: (args) => {
      if (args.length < min) throw new FuncError(`at least ${min} sets are required`);
      const { elem, sets } = unified(args);
      return set(elem, op(sets));
    },
  };
}

const keysOf = (vs: readonly Value[]) => new Set(vs.map(canonicalKey));

/** setunion, setintersection, setsubtract */
export const setFunctions: Record<string, FunctionSpec> = {
  setunion: setOp((sets) => sets.flat(), 1),
  setintersection: setOp((sets) => {
    const rest = sets.slice(1).map(keysOf);
    return sets[0].filter((e) => rest.every((r) => r.has(canonicalKey(e))));
  }, 1),
  setsubtract: {
    params: [param('a', tSet(tDynamic)), param('b', tSet(tDynamic))],
    impl: (args) => {
      const { elem, sets } = unified(args);
      const drop = keysOf(sets[1]);
      return set(
        elem,
        sets[0].filter((e) => !drop.has(canonicalKey(e))),
      );
    },
  },
};
