// The evaluation environment threaded through one `evaluate` call.
import type { Diagnostic } from '../diag/index.js';
import type { EvalContext } from './scope.js';
import type { Value } from './values.js';

/** Context, local names bound by `for` and template directives, the current splat element, and collected diagnostics. */
export interface Env {
  readonly ctx: EvalContext;
  readonly locals?: ReadonlyMap<string, Value>;
  readonly splatItem?: Value;
  readonly diags: Diagnostic[];
}

/** A child environment with more local names bound. */
export function bindLocals(env: Env, bindings: ReadonlyMap<string, Value>): Env {
  const locals = new Map(env.locals ?? []);
  for (const [k, v] of bindings) locals.set(k, v);
  return { ...env, locals };
}
