// How a function is declared: its parameters (with the types arguments convert to), how it treats
// unknown and sensitive arguments, and its implementation.
import type { Type } from '../types.js';
import type { Value } from '../values.js';

/** One declared parameter. */
export interface Param {
  readonly name: string;
  /** Arguments are converted to this type before the call; `dynamic` takes them as they are. */
  readonly type: Type;
  /** Null arguments are refused unless this is set. */
  readonly allowNull?: boolean;
}

/**
 * How marks on arguments reach the result:
 * - `deep`: all marks are stripped before the call; the result is sensitive if any argument held one.
 * - `shallow`: only top-level marks are stripped and put on the result; nested ones travel inside values.
 * - `self`: the function sees marks and decides (sensitive, nonsensitive).
 */
export type MarkMode = 'deep' | 'shallow' | 'self';

/** What an implementation can use besides its arguments. */
export interface CallContext {
  /** The configuration folder, for file functions; undefined when file access is not allowed. */
  readonly baseDir?: string;
  /** Renders a template text with exactly the given variables (used by templatefile). */
  readonly renderTemplate?: (text: string, filename: string, vars: ReadonlyMap<string, Value>) => Value;
}

/** A function available to expressions. */
export interface FunctionSpec {
  readonly params: readonly Param[];
  /** Declared when the function takes any number of further arguments of one type. */
  readonly variadic?: Param;
  /** The result type, used when the result must be unknown; default `dynamic`. */
  readonly returns?: Type | ((args: readonly Value[]) => Type);
  /** Default `deep`. */
  readonly marks?: MarkMode;
  /** When false (default), any argument that is not wholly known makes the result unknown without a call. */
  readonly allowUnknown?: boolean;
  readonly impl: (args: readonly Value[], ctx: CallContext) => Value;
}

/** A lookup of functions by name; provider functions use their full `provider::ns::fn` name. */
export type FunctionTable = ReadonlyMap<string, FunctionSpec>;

/** Thrown by an implementation for a user error; `arg` is the index of the argument at fault. */
export class FuncError extends Error {
  constructor(
    message: string,
    readonly arg?: number,
  ) {
    super(message);
  }
}
