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
