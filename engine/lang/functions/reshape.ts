// Less common collection reshaping: chunklist, setproduct, transpose, matchkeys.

import { convertOrThrow } from '../convert.js';
import { equals } from '../equality.js';
import { type Type, tDynamic, tList, tMap, tNumber, tString, unifyTypes } from '../types.js';
import { asNumber, asString, attributes, elements, isNull, list, map, set, str, tuple, type Value } from '../values.js';
import { param } from './params.js';
import { FuncError, type FunctionSpec } from './spec.js';

/** The most elements setproduct builds. */
const MAX_PRODUCT = 1_000_000;

/** chunklist, setproduct, transpose, matchkeys */
export const reshapeFunctions: Record<string, FunctionSpec> = {
  chunklist: {
    params: [param('list', tList(tDynamic)), param('size', tNumber)],
    impl: ([l, n]) => {
      const size = asNumber(n);
      if (!Number.isInteger(size) || size < 0)
        throw new FuncError('the size argument must be a non-negative whole number', 1);
      const items = elements(l);
      const elem = (l.type as { elem: Type }).elem;
      if (size === 0) return list(tList(elem), [list(elem, items)]);
      const chunks: Value[] = [];
      for (let i = 0; i < items.length; i += size) chunks.push(list(elem, items.slice(i, i + size)));
      return list(tList(elem), chunks);
    },
  },
  setproduct: {
    params: [],
    variadic: param('sets', tDynamic),
    impl: (args) => {
      if (args.length < 2) throw new FuncError('at least two arguments are required');
      args.forEach((a, i) => {
        if (!['list', 'set', 'tuple'].includes(a.type.kind)) throw new FuncError('a set or a list is required', i);
      });
      // Counted before anything is built: a few modest sets multiply into more than memory holds.
      const size = args.reduce((n, a) => n * elements(a).length, 1);
      if (size > MAX_PRODUCT) {
        throw new FuncError(
          `the product would hold ${size.toLocaleString('en')} elements; at most ${MAX_PRODUCT.toLocaleString('en')} are allowed`,
        );
      }
      let rows: Value[][] = [[]];
      for (const a of args) rows = rows.flatMap((r) => elements(a).map((e) => [...r, e]));
      const out = rows.map(tuple);
      return args.every((a) => a.type.kind === 'set')
        ? set(unifyTypes(out.map((o) => o.type)) ?? tDynamic, out)
        : tuple(out);
    },
  },
  transpose: {
    params: [param('values', tMap(tList(tString)))],
    returns: tMap(tList(tString)),
    impl: ([m]) => {
      const out = new Map<string, string[]>();
      for (const [k, l] of attributes(m)) {
        for (const e of elements(l)) {
          if (isNull(e)) throw new FuncError(`the list for key "${k}" contains a null value`, 0);
          const key = asString(e);
          out.set(key, [...(out.get(key) ?? []), k]);
        }
      }
      return map(
        tList(tString),
        [...out].map(([k, vs]) => [k, list(tString, vs.map(str))] as const),
      );
    },
  },
  matchkeys: {
    params: [param('values', tList(tDynamic)), param('keys', tList(tDynamic)), param('searchset', tList(tDynamic))],
    impl: ([values, keys, search]) => {
      const vs = elements(values);
      const ks = elements(keys);
      if (vs.length !== ks.length) throw new FuncError('length of keys and values should be equal');
      const kt = (keys.type as { elem: Type }).elem;
      const wanted = elements(search).map((s) => {
        try {
          return convertOrThrow(s, kt);
        } catch {
          throw new FuncError('keys and searchset must be of the same type', 2);
        }
      });
      const picked = vs.filter((_, i) => wanted.some((w) => equals(w, ks[i]) === true));
      return list((values.type as { elem: Type }).elem, picked);
    },
  },
};
