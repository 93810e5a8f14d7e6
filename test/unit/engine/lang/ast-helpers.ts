// Builds syntax trees by hand so that values, conversion and functions can be tested without the parser.
import type { Diagnostic, Range } from '../../../../engine/diag/index.js';
import type { Expression, FunctionCall, Variable } from '../../../../engine/hcl/ast.js';
import { builtinFunctions, type EvalContext, evaluate, scopeOf, type Value } from '../../../../engine/lang/index.js';

/** A distinct range per argument position, so tests can check which argument a diagnostic points at. */
export function rangeAt(col: number): Range {
  return {
    filename: 'test.hcl',
    start: { line: 1, column: col, byte: col - 1 },
    end: { line: 1, column: col + 1, byte: col },
  };
}

function variable(name: string, col: number): Variable {
  return { kind: 'Variable', name, range: rangeAt(col) };
}

/** `name(a0, a1, …)` where each argument is a scope variable holding the given value. */
export function callExpr(name: string, count: number, expandFinal = false): FunctionCall {
  const args: Expression[] = Array.from({ length: count }, (_, i) => variable(`a${i}`, 10 * (i + 1)));
  return { kind: 'FunctionCall', name, nameRange: rangeAt(1), args, expandFinal, range: rangeAt(1) };
}

/** Calls a function with already-built values and returns the result and diagnostics. */
export function call(
  name: string,
  args: readonly Value[],
  opts: { baseDir?: string; expandFinal?: boolean } = {},
): { value: Value; diagnostics: Diagnostic[] } {
  const roots: Record<string, Value> = {};
  args.forEach((a, i) => {
    roots[`a${i}`] = a;
  });
  const ctx: EvalContext = { scope: scopeOf(roots), functions: builtinFunctions(), baseDir: opts.baseDir };
  return evaluate(callExpr(name, args.length, opts.expandFinal), ctx);
}

/** The column that `rangeAt` gives argument i, for asserting where an argument error points. */
export function argColumn(i: number): number {
  return 10 * (i + 1);
}

/** Asserts exactly one error, pointing at argument `i` and mentioning `fragment` in its detail. */
export function expectArgError(r: { diagnostics: Diagnostic[] }, i: number, fragment: string): void {
  if (r.diagnostics.length !== 1) throw new Error(`expected one diagnostic, got ${JSON.stringify(r.diagnostics)}`);
  const d = r.diagnostics[0];
  if (d.summary !== 'Invalid function argument') throw new Error(`unexpected summary ${d.summary}`);
  if (d.range?.start.column !== argColumn(i))
    throw new Error(`diagnostic points at column ${d.range?.start.column}, not argument ${i}`);
  if (!d.detail?.includes(fragment)) throw new Error(`detail "${d.detail}" lacks "${fragment}"`);
}

/** Asserts exactly one error whose summary and detail include the given fragments. */
export function expectError(r: { diagnostics: Diagnostic[] }, summary: string, fragment = ''): void {
  if (r.diagnostics.length !== 1) throw new Error(`expected one diagnostic, got ${JSON.stringify(r.diagnostics)}`);
  const d = r.diagnostics[0];
  if (d.summary !== summary) throw new Error(`summary "${d.summary}" is not "${summary}"`);
  if (!`${d.detail ?? ''}`.includes(fragment)) throw new Error(`detail "${d.detail}" lacks "${fragment}"`);
}
