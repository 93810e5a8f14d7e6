import type { ResourceDecl } from '../config/index.js';
import { type Diagnostic, error, type Range } from '../diag/index.js';
import { attributes, containsSensitive, elements, isKnown, isNull, isWhollyKnown } from '../lang/index.js';
import type { Evaluator, InstanceNames } from './evaluator.js';

// count and for_each: a resource becomes instances keyed `[0]`, `[1]` … or `["key"]`.

/** One instance of a resource: its key (undefined without count/for_each) and its per-instance names. */
export interface Instance {
  readonly key?: number | string;
  readonly names: InstanceNames;
}

/**
 * The most instances one resource block may have. Far beyond any estate App Runner's quotas allow,
 * it turns a slip such as `count = 1e9` into an error instead of a process that runs out of memory.
 */
export const MAX_INSTANCES = 100_000;

const tooMany = (arg: 'count' | 'for_each', n: number, at: Range): Diagnostic =>
  error(
    `Invalid ${arg} argument`,
    at,
    `This would make ${n.toLocaleString('en')} instances; one resource block may have at most ${MAX_INSTANCES.toLocaleString('en')}.`,
  );

/** Expands a resource into its instances; a bad or unknown count/for_each is a positioned error. */
export function expand(decl: ResourceDecl, ev: Evaluator): { instances: Instance[]; diagnostics: Diagnostic[] } {
  if (decl.count) {
    const { value, diagnostics } = ev.evaluate(decl.count.expr);
    if (diagnostics.length > 0) return { instances: [], diagnostics };
    const at = decl.count.expr.range;
    if (!isWhollyKnown(value)) return { instances: [], diagnostics: [unknownErr('count', at)] };
    const n = value.payload;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      return {
        instances: [],
        diagnostics: [error('Invalid count argument', at, 'The count must be a whole number, zero or more.')],
      };
    }
    if (n > MAX_INSTANCES) return { instances: [], diagnostics: [tooMany('count', n, at)] };
    return { instances: Array.from({ length: n }, (_, i) => ({ key: i, names: { countIndex: i } })), diagnostics: [] };
  }
  if (decl.forEach) {
    const { value, diagnostics } = ev.evaluate(decl.forEach.expr);
    if (diagnostics.length > 0) return { instances: [], diagnostics };
    const at = decl.forEach.expr.range;
    if (!isWhollyKnown(value) && !(isKnown(value) && value.type.kind !== 'set'))
      return { instances: [], diagnostics: [unknownErr('for_each', at)] };
    const bad = (detail: string) => ({ instances: [], diagnostics: [error('Invalid for_each argument', at, detail)] });
    if (isNull(value)) return bad('The for_each value is null; it must be a map or a set of strings.');
    if (containsSensitive(value) && value.sensitive)
      return bad('A sensitive value cannot be used as for_each: the instance keys would reveal it.');
    const k = value.type.kind;
    const size = k === 'map' || k === 'object' ? attributes(value).size : k === 'set' ? elements(value).length : 0;
    if (size > MAX_INSTANCES) return { instances: [], diagnostics: [tooMany('for_each', size, at)] };
    if (k === 'map' || k === 'object') {
      return {
        instances: [...attributes(value)].map(([key, v]) => ({ key, names: { eachKey: key, eachValue: v } })),
        diagnostics: [],
      };
    }
    if (k === 'set') {
      const items = elements(value);
      if (value.type.kind === 'set' && value.type.elem.kind !== 'string' && value.type.elem.kind !== 'dynamic')
        return bad('A set used as for_each must hold strings.');
      const out: Instance[] = [];
      for (const item of items) {
        if (typeof item.payload !== 'string') return bad('A set used as for_each must hold strings.');
        out.push({ key: item.payload, names: { eachKey: item.payload, eachValue: item } });
      }
      return { instances: out, diagnostics: [] };
    }
    return bad(`The for_each value is a ${k}; it must be a map, or a set of strings (use toset() to convert a list).`);
  }
  return { instances: [{ names: {} }], diagnostics: [] };
}

function unknownErr(what: string, at: Diagnostic['range']): Diagnostic {
  return error(
    `Invalid ${what} argument`,
    at,
    `The ${what} value depends on resource attributes that cannot be determined until apply, so the instances cannot be planned. Apply the resources it depends on first, with --target.`,
  );
}
