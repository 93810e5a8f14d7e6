// What an expression can see: root names supplied by the caller, the function table, and the
// folder that file functions read from. The config and plan layers decide what each root name means.
import type { FunctionTable } from './functions/spec.js';
import type { Value } from './values.js';

/** The root names an expression may reference (`var`, `local`, `aws_x`, `count`, `each`, `path`…). */
export interface Scope {
  /** The value of a root name, or undefined when it is not declared here. */
  lookup(name: string): Value | undefined;
  /** Every declared root name; used only to suggest a correction for a misspelt one. */
  names(): Iterable<string>;
}

/** Everything evaluation needs besides the expression. */
export interface EvalContext {
  readonly scope: Scope;
  readonly functions: FunctionTable;
  /** The configuration folder: file functions read inside it and refuse paths that escape it. */
  readonly baseDir?: string;
}

/** A scope over a fixed set of root values. */
export function scopeOf(roots: Readonly<Record<string, Value>> | ReadonlyMap<string, Value>): Scope {
  const m = roots instanceof Map ? roots : new Map(Object.entries(roots));
  return { lookup: (n) => m.get(n), names: () => m.keys() };
}

/** The empty scope, for constant expressions such as defaults in type constraints. */
export const EMPTY_SCOPE: Scope = scopeOf({});
