// The internal signal that evaluation of one node failed; evaluation turns it into a diagnostic.
import { type Diagnostic, error, type Range } from '../diag/index.js';

/** Thrown inside engine/lang only; `evaluate` catches it at the failing node and records its diagnostic. */
export class EvalFailure extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.summary);
  }
}

/** Throws an error diagnostic as an EvalFailure. */
export function fail(summary: string, range: Range | undefined, detail?: string): never {
  throw new EvalFailure(error(summary, range, detail));
}

const staticDiagnostics = new WeakSet<Diagnostic>();

/**
 * Throws an error that configuration validation would find without evaluating anything (an undeclared
 * name, an unknown function). `try` and `can` let these through instead of catching them.
 */
export function failStatic(summary: string, range: Range | undefined, detail?: string): never {
  const d = error(summary, range, detail);
  staticDiagnostics.add(d);
  throw new EvalFailure(d);
}

/** True for a diagnostic raised by failStatic. */
export function isStatic(d: Diagnostic): boolean {
  return staticDiagnostics.has(d);
}
